package io.musicaljourney.query.operators;

import io.musicaljourney.common.UserId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The operators: the user ids in {@code journey.admin.user-ids}, who may read any journey's audit and the admin routes. */
@Component
public class Administrators {

    private final Set<String> ids;

    public Administrators(@Value("${journey.admin.user-ids:}") List<String> ids) {
        this.ids = ids.stream().map(String::strip).filter(id -> !id.isEmpty()).collect(Collectors.toSet());
    }

    public boolean includes(UserId user) {
        return user != null && ids.contains(user.value());
    }
}
