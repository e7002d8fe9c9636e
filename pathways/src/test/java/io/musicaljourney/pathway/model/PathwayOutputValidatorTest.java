package io.musicaljourney.pathway.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathwayOutputValidatorTest {

    private final PathwayOutputValidator validator = new PathwayOutputValidator(new ObjectMapper());

    @Test
    void sentencesAreCountedPastInitialsAndAbbreviations() {
        assertThat(PathwayOutputValidator.sentences("B.B. King met Dr. Dre in St. Louis. They talked.")).isEqualTo(2);
        assertThat(PathwayOutputValidator.sentences("R.E.M. formed in 1980. Their debut came in 1983!"))
                .isEqualTo(2);
        assertThat(PathwayOutputValidator.sentences("One. Two. Three.")).isEqualTo(3);
        assertThat(PathwayOutputValidator.sentences("Just one sentence without an end")).isZero();
    }

    @Test
    void theModelsPathwaysAreValidatedAgainstTheFrontendsRules() {
        assertThat(validator.pathways(LanguageModelProvidersTest.PATHWAYS).pathways()).hasSize(3);
        assertThatThrownBy(() -> validator.pathways(LanguageModelProvidersTest.PATHWAYS
                .replace("\"alternative-rock\"", "\"Alternative Rock\"")))
                .hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> validator.pathways(LanguageModelProvidersTest.PATHWAYS
                .replace("They were active from 1988.", "")))
                .hasMessageContaining("sentences");
        assertThatThrownBy(() -> validator.pathways(LanguageModelProvidersTest.PATHWAYS
                .replace("\"contemporaries\"", "\"influences\"")))
                .hasMessageContaining("twice");
    }

    @Test
    void narrativesNeedTextKeyPointsAndAYearOrNull() {
        assertThat(validator.narrative(LanguageModelProvidersTest.NARRATIVE).year()).isEqualTo(1997);
        assertThatThrownBy(() -> validator.narrative("{\"narrative\":\"too short\",\"keyPoints\":[\"x\"]}"))
                .hasMessageContaining("words");
        assertThatThrownBy(() -> validator.narrative(LanguageModelProvidersTest.NARRATIVE.replace("1997", "\"soon\"")))
                .hasMessageContaining("year");
    }
}
