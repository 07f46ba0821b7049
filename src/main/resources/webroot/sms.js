'use strict';
// How a text goes on the wire, by the server's rules: GSM 03.38 when every character is in the
// default alphabet or its extension table (extension characters take two septets), UCS-2 otherwise.
// 160 septets / 70 UTF-16 units fit one SMS; concatenated parts hold 153 / 67, and neither an
// escape pair nor a surrogate pair is split between parts.
const Sms = (() => {
  const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?'
    + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  const EXTENSION = '\f^{}\\[~]|€';
  const basic = new Set([...BASIC].filter(c => c !== '\u001b'));
  const extension = new Set([...EXTENSION]);

  /** Septets a UTF-16 code unit takes, or 0 when it has no GSM form. */
  function width(unit) {
    return basic.has(unit) ? 1 : extension.has(unit) ? 2 : 0;
  }

  function measure(text) {
    const units = [];
    for (let i = 0; i < text.length; i++) units.push(text[i]); // UTF-16 code units, like Java chars
    if (units.every(u => width(u) > 0)) {
      const septets = units.reduce((n, u) => n + width(u), 0);
      if (septets <= 160) return { encoding: 'GSM7', length: septets, segments: septets === 0 ? 1 : 1, perPart: 160 };
      let parts = 1;
      let used = 0;
      for (const u of units) {
        const w = width(u);
        if (used + w > 153) { parts++; used = 0; }
        used += w;
      }
      return { encoding: 'GSM7', length: septets, segments: parts, perPart: 153 };
    }
    const n = units.length;
    if (n <= 70) return { encoding: 'UCS2', length: n, segments: 1, perPart: 70 };
    let parts = 0;
    for (let start = 0; start < n;) {
      let end = Math.min(start + 67, n);
      const code = text.charCodeAt(end - 1);
      if (end < n && code >= 0xd800 && code <= 0xdbff) end--;
      parts++;
      start = end;
    }
    return { encoding: 'UCS2', length: n, segments: parts, perPart: 67 };
  }

  return { measure };
})();
