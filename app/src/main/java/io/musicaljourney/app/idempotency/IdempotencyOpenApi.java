package io.musicaljourney.app.idempotency;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Names {@code Idempotency-Key} on every POST the {@link IdempotencyFilter} covers: the filter acts before any
 * controller, so no handler method declares the header that springdoc could find.
 */
public class IdempotencyOpenApi implements OpenApiCustomizer {

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            Operation post = item.getPost();
            if (post != null && IdempotencyFilter.covers(path)) {
                post.addParametersItem(new HeaderParameter()
                        .name(IdempotencyFilter.HEADER)
                        .required(false)
                        .description("Any 1 to 255 visible ASCII characters, new for each user action. The same "
                                + "request again with the same key within 24 hours gets the first answer "
                                + "(Idempotent-Replayed: true) and changes nothing; another request with it is a 422.")
                        .schema(new StringSchema().maxLength(255)));
            }
        });
    }
}
