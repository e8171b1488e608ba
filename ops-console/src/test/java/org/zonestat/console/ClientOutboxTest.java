package org.zonestat.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClientOutboxTest {

    /** A transport whose sends complete only when the test says so, or at once if asked to. */
    static final class ManualTransport implements ClientOutbox.Transport {
        final List<String> started = new ArrayList<>();
        final ArrayDeque<Runnable> pending = new ArrayDeque<>();
        final boolean completeAtOnce;
        Integer closedWith;

        ManualTransport(boolean completeAtOnce) {
            this.completeAtOnce = completeAtOnce;
        }

        @Override
        public void send(String text, Runnable onSent, Consumer<Throwable> onFailed) {
            started.add(text);
            if (completeAtOnce) {
                onSent.run();
            } else {
                pending.add(onSent);
            }
        }

        @Override
        public void close(int statusCode, String reason) {
            closedWith = statusCode;
        }

        void completeOne() {
            pending.poll().run();
        }
    }

    @Test
    void messages_are_sent_one_at_a_time_in_order() {
        ManualTransport transport = new ManualTransport(false);
        ClientOutbox outbox = new ClientOutbox("c1", transport, 10);

        outbox.deliver("1");
        outbox.deliver("2");
        outbox.deliver("3");

        assertThat(transport.started).containsExactly("1");
        transport.completeOne();
        assertThat(transport.started).containsExactly("1", "2");
        transport.completeOne();
        transport.completeOne();
        assertThat(transport.started).containsExactly("1", "2", "3");
        assertThat(outbox.queued()).isZero();
    }

    @Test
    void sends_that_complete_at_once_do_not_recurse() {
        ManualTransport transport = new ManualTransport(true);
        ClientOutbox outbox = new ClientOutbox("c1", transport, 100_000);

        for (int i = 0; i < 50_000; i++) {
            outbox.deliver(Integer.toString(i));
        }

        assertThat(transport.started).hasSize(50_000).startsWith("0", "1").endsWith("49999");
    }

    @Test
    void with_a_sender_the_caller_only_queues_and_one_task_sends_everything_queued() {
        ManualTransport transport = new ManualTransport(true);
        java.util.List<Runnable> tasks = new java.util.ArrayList<>();
        ClientOutbox outbox = new ClientOutbox("c1", transport, 100, tasks::add);

        outbox.deliver("1");
        outbox.deliver("2");
        outbox.deliver("3");
        assertThat(transport.started).as("nothing written on the delivering thread").isEmpty();
        assertThat(tasks).as("one send task for the three").hasSize(1);

        tasks.remove(0).run();
        assertThat(transport.started).containsExactly("1", "2", "3");
        outbox.deliver("4");
        assertThat(tasks).hasSize(1);
        tasks.remove(0).run();
        assertThat(transport.started).containsExactly("1", "2", "3", "4");
    }

    @Test
    void a_client_that_falls_too_far_behind_is_closed_with_1013_and_delivery_never_blocks() {
        ManualTransport stuck = new ManualTransport(false);
        ClientOutbox outbox = new ClientOutbox("slow", stuck, 3);

        for (int i = 0; i < 10; i++) {
            outbox.deliver(Integer.toString(i)); // returns at once although nothing completes
        }

        assertThat(stuck.closedWith).isEqualTo(ClientOutbox.TRY_AGAIN_LATER);
        assertThat(outbox.isClosed()).isTrue();
        assertThat(outbox.queued()).isZero();
        assertThat(stuck.started).containsExactly("0");
    }

    @Test
    void a_failed_send_closes_the_outbox() {
        ClientOutbox.Transport failing =
                new ClientOutbox.Transport() {
                    @Override
                    public void send(String text, Runnable onSent, Consumer<Throwable> onFailed) {
                        onFailed.accept(new java.io.IOException("connection reset"));
                    }

                    @Override
                    public void close(int statusCode, String reason) {}
                };
        ClientOutbox outbox = new ClientOutbox("gone", failing, 3);

        outbox.deliver("1");
        outbox.deliver("2");

        assertThat(outbox.isClosed()).isTrue();
        assertThat(outbox.queued()).isZero();
    }
}
