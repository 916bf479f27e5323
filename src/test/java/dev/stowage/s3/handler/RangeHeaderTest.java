package dev.stowage.s3.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.s3.error.S3ErrorCode;
import dev.stowage.s3.error.S3Exception;
import org.junit.jupiter.api.Test;

/** The Range header as S3 reads it: one well-formed byte range is served, anything else is the whole object. */
class RangeHeaderTest {
    @Test
    void wellFormedRanges_selectTheirBytes() {
        assertThat(ObjectResponses.range("bytes=0-9", 100)).isEqualTo(new ObjectResponses.ByteRange(0, 10));
        assertThat(ObjectResponses.range("bytes=90-", 100)).isEqualTo(new ObjectResponses.ByteRange(90, 10));
        assertThat(ObjectResponses.range("bytes=-1", 100)).isEqualTo(new ObjectResponses.ByteRange(99, 1));
        assertThat(ObjectResponses.range("bytes=50-500", 100)).isEqualTo(new ObjectResponses.ByteRange(50, 50));
    }

    @Test
    void malformedRanges_areIgnored() {
        for (String header : new String[] {"bytes= -1", "bytes=0 -1", "bytes=0- 5", "bytes=+1-2", "bytes=1-2-3",
                "bytes=5-1", "bytes=0-1,3-4", "items=0-1", "bytes=", "bytes=-"}) {
            assertThat(ObjectResponses.range(header, 100)).as(header).isNull();
        }
    }

    @Test
    void unsatisfiableRanges_areInvalidRange() {
        for (String header : new String[] {"bytes=100-", "bytes=-0", "bytes=0-0"}) {
            long size = header.equals("bytes=0-0") ? 0 : 100;
            assertThatThrownBy(() -> ObjectResponses.range(header, size)).as(header)
                    .isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.error()).isEqualTo(S3ErrorCode.INVALID_RANGE));
        }
    }
}
