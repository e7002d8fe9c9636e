package io.musicaljourney.pathway.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Rendered pathway bodies are written as they are; first, because Jackson's converter would write any object. */
@Configuration(proxyBeanMethods = false)
public class PathwayWebConfiguration implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(0, new RenderedPathways.Converter());
    }
}
