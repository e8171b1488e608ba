package org.zonestat.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContactSketchTest {
    private static final long SEED = Long.getLong("zonestat.seed", 20180707L);

    @Test
    void aFewDozenContactsAreCountedWithinOneAndRepeatsOnce() {
        ContactSketch s = ContactSketch.empty();
        for (int i = 0; i < 40; i++) {
            s.add("token-" + i).add("token-" + i);
        }
        assertThat(s.estimate()).isBetween(39L, 41L);
        assertThat(ContactSketch.empty().estimate()).isZero();
        assertThat(ContactSketch.empty().isEmpty()).isTrue();
    }

    @Test
    void tenThousandContactsAreWithinFivePercent() {
        SplittableRandom random = new SplittableRandom(SEED);
        ContactSketch s = ContactSketch.empty();
        for (int i = 0; i < 10_000; i++) {
            s.add(Long.toHexString(random.nextLong()));
        }
        assertThat((double) s.estimate()).as("seed %d", SEED).isCloseTo(10_000, within(500.0));
    }

    @Test
    void mergingDaysCountsAPersonMetOnTwoDaysOnce() {
        ContactSketch monday = ContactSketch.empty().add("a").add("b").add("c");
        ContactSketch tuesday = ContactSketch.empty().add("c").add("d");
        assertThat(monday.estimate() + tuesday.estimate()).isEqualTo(5);
        assertThat(monday.merge(tuesday).estimate()).isEqualTo(4);
    }

    @Test
    void theWireFormIsSparseForAFewContactsAndDenseForMany() {
        ContactSketch few = ContactSketch.empty().add("a").add("b");
        String text = few.encode();
        assertThat(text.length()).isLessThan(12);
        assertThat(ContactSketch.decode(text).registers()).isEqualTo(few.registers());
        ContactSketch many = ContactSketch.empty();
        for (int i = 0; i < 5_000; i++) {
            many.add("t" + i);
        }
        String dense = many.encode();
        assertThat(ContactSketch.decode(dense).registers()).isEqualTo(many.registers());
        assertThat(ContactSketch.decode(dense).estimate()).isEqualTo(many.estimate());
        assertThatThrownBy(() -> ContactSketch.decode("AAAA")).hasMessageContaining("neither");
        assertThatThrownBy(() -> ContactSketch.decode("#")).hasMessageContaining("base64url");
    }
}
