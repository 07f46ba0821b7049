package io.herald.smsc.encoding;

/** The two alphabets Herald submits with, carrying their SMPP data_coding value. */
public enum Encoding {
    /** GSM 03.38 default alphabet; data_coding 0x00 is the SMSC default, which SMSCs treat as GSM 7-bit. */
    GSM7(0x00),
    /** UCS-2 (sent as UTF-16BE so surrogate pairs pass through), data_coding 0x08. */
    UCS2(0x08);

    private final int dataCoding;

    Encoding(int dataCoding) {
        this.dataCoding = dataCoding;
    }

    /** The SMPP data_coding octet for submit_sm. */
    public int dataCoding() {
        return dataCoding;
    }
}
