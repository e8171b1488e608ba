package org.zonestat.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_line_shows_records_rate_share_and_the_time_left_at_that_rate() {
        // 1,000 records in 4 s (250/s) and a quarter done: 12 s left at that rate.
        assertThat(ProgressBar.render("processing", 1000, 0.25, 4 * SECOND))
                .isEqualTo(
                        "processing [######------------------]  25% 1,000 records 250 records/s"
                                + " 0:12 left");
    }

    @Test
    void without_a_known_share_there_is_no_bar_and_no_time_left() {
        assertThat(ProgressBar.render("processing", 3000, ProgressBar.UNKNOWN, 2 * SECOND))
                .isEqualTo("processing 3,000 records 1,500 records/s");
    }

    @Test
    void below_a_hundredth_done_the_time_left_is_not_guessed() {
        // One record of a large file read after 1 s: the rate says nothing yet about the rest.
        assertThat(ProgressBar.render("publishing", 1, 0.0001, 1_000_000_000L))
                .endsWith("1 records 1 records/s estimating time left")
                .doesNotContain(" left ");
        assertThat(ProgressBar.render("publishing", 100, 0.01, 1_000_000_000L))
                .endsWith("1:39 left");
    }

    @Test
    void long_times_left_read_as_hours_minutes_and_seconds() {
        assertThat(ProgressBar.clock(59)).isEqualTo("0:59");
        assertThat(ProgressBar.clock(3 * 3600 + 7 * 60 + 5)).isEqualTo("3:07:05");
        // 1 % done in 100 s: 9,900 s left.
        assertThat(ProgressBar.render("publishing", 10, 0.01, 100 * SECOND))
                .endsWith("2:45:00 left");
    }

    @Test
    void on_a_terminal_the_bar_is_redrawn_in_place_and_ends_with_a_newline() {
        ProgressBar bar =
                new ProgressBar(out, clock::get, Duration.ofMillis(250), "publishing", true);
        clock.addAndGet(SECOND);
        bar.update(1000, 0.5);
        clock.addAndGet(SECOND);
        bar.update(1500, 0.75);
        clock.addAndGet(SECOND);
        bar.finish(2000);

        String s = printed();
        assertThat(s.split("\r", -1)).hasSize(4); // "" and three draws
        assertThat(s).startsWith("\rpublishing [############------------]  50% 1,000 records");
        assertThat(s).contains("\rpublishing [##################------]  75% 1,500 records");
        assertThat(s)
                .contains(
                        "\rpublishing [########################] 100% 2,000 records 667"
                                + " records/s          ")
                .endsWith(System.lineSeparator());
        assertThat(s.chars().filter(c -> c == '\n')).hasSize(1);
    }

    @Test
    void elsewhere_it_prints_plain_lines_at_most_once_per_interval() {
        ProgressBar bar =
                new ProgressBar(out, clock::get, Duration.ofSeconds(5), "publishing", false);
        for (int i = 1; i <= 30; i++) {
            clock.addAndGet(SECOND / 2);
            bar.update(i * 100L, i / 30.0);
        }
        bar.finish(3000);

        // 15 s of updates at one line per 5 s, then the final line.
        assertThat(bar.draws()).isEqualTo(4);
        assertThat(printed()).doesNotContain("\r");
        assertThat(printed().lines())
                .containsExactly(
                        "publishing [########----------------]  33% 1,000 records 200 records/s"
                                + " 0:10 left",
                        "publishing [################--------]  66% 2,000 records 200 records/s"
                                + " 0:05 left",
                        "publishing [########################] 100% 3,000 records 200 records/s",
                        "publishing [########################] 100% 3,000 records 200 records/s");
    }

    @Test
    void a_redraw_shorter_than_the_last_one_blanks_what_is_left_of_it() {
        ProgressBar bar = new ProgressBar(out, clock::get, Duration.ZERO, "processing", true);
        clock.addAndGet(SECOND);
        bar.update(1_000_000, ProgressBar.UNKNOWN);
        clock.addAndGet(SECOND);
        bar.update(1_000_000, ProgressBar.UNKNOWN);
        String[] draws = printed().split("\r");
        assertThat(draws[2]).hasSize(draws[1].length());
    }
}
