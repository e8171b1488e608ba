package org.zonestat.jobs.io;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.zonestat.jobs.functions.InternalErrors;
import org.zonestat.jobs.functions.Texts;
import org.zonestat.jobs.model.RawRecord;
import org.zonestat.jobs.model.RejectReason;
import org.zonestat.jobs.model.Rejection;
import org.zonestat.topics.IdentityRedaction;

/**
 * How every raw source reads a Kafka record before its parser sees it: the text loses its identity
 * fields ({@link IdentityRedaction}), a value larger than the limit is rejected as {@code
 * too-large} with the first {@value RecordLimits#ORIGINAL_EXCERPT_CHARS} characters of its text,
 * and a failure of the reading itself rejects the record as {@code internal-error}. Shared by the
 * event topics' and the positions' deserializers.
 *
 * <p>Stateless.
 */
final class RawReading {
    private RawReading() {}

    /**
     * The record parsed, or rejected.
     *
     * @param parse the source's parser
     * @param rejected makes the source's element of a rejection
     */
    static <T> T read(
            ConsumerRecord<byte[], byte[]> record,
            int maxRecordBytes,
            String stage,
            Function<RawRecord, T> parse,
            Function<Rejection, T> rejected) {
        return read(record, maxRecordBytes, stage, IdentityRedaction::strip, parse, rejected);
    }

    /**
     * As {@link #read(ConsumerRecord, int, String, Function, Function)}, with the topic's own
     * redaction (one that keeps the identity field the topic is about).
     */
    static <T> T read(
            ConsumerRecord<byte[], byte[]> record,
            int maxRecordBytes,
            String stage,
            UnaryOperator<String> redaction,
            Function<RawRecord, T> parse,
            Function<Rejection, T> rejected) {
        byte[] bytes = record.value() == null ? new byte[0] : record.value();
        String text = null;
        try {
            text = redaction.apply(new String(bytes, StandardCharsets.UTF_8));
            if (bytes.length > maxRecordBytes) {
                return rejected.apply(
                        new Rejection(
                                raw(
                                        record,
                                        Texts.prefix(text, RecordLimits.ORIGINAL_EXCERPT_CHARS)),
                                RejectReason.TOO_LARGE,
                                "the record has "
                                        + bytes.length
                                        + " bytes, more than the limit of "
                                        + maxRecordBytes
                                        + "; its original here is its first "
                                        + RecordLimits.ORIGINAL_EXCERPT_CHARS
                                        + " characters"));
            }
            return parse.apply(raw(record, text));
        } catch (RuntimeException e) {
            // Without a stripped text, nothing of the original is kept.
            return rejected.apply(
                    InternalErrors.rejection(
                            raw(
                                    record,
                                    text == null
                                            ? ""
                                            : Texts.prefix(
                                                    text, RecordLimits.ORIGINAL_EXCERPT_CHARS)),
                            stage,
                            e));
        }
    }

    private static RawRecord raw(ConsumerRecord<byte[], byte[]> record, String value) {
        return new RawRecord(
                record.topic(), record.partition(), record.offset(), record.timestamp(), value);
    }
}
