package coop.switchboard.platform;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRowsTests {

    @Test
    void escapesTextAndWritesNullsDatesAndByteaAsCopyTextFormat() {
        CopyRows rows = new CopyRows("t", "a, b", 64);
        rows.add("tab\there\\ new\nline").add((String) null).add(LocalDate.of(2026, 1, 2)).add(new byte[]{0x0a, (byte) 0xff})
                .add(true).add(42L);
        rows.end();
        assertThat(rows.text().toString()).isEqualTo("tab\\there\\\\ new\\nline\t\\N\t2026-01-02\t\\\\x0aff\tt\t42\n");
        assertThat(rows.rows()).isEqualTo(1);
        assertThat(rows.copySql()).isEqualTo("COPY t (a, b) FROM STDIN");
    }
}
