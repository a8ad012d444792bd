/* report_text.c - private text helpers shared by the report writers (escaping, tags, UTF-8). */
#include "report_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length (1-4) of the well-formed UTF-8 sequence at s, per RFC 3629 (no overlong forms, no
   surrogates, nothing above U+10FFFF), with its code point in *cp; 0 when malformed. */
static size_t utf8_seq(const unsigned char *s, uint32_t *cp)
{
    size_t len, i;
    uint32_t c = s[0], min;

    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xe0) == 0xc0) {
        len = 2;
        c &= 0x1f;
        min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        len = 3;
        c &= 0x0f;
        min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        len = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            return 0; /* also stops at the terminating NUL */
        }
        c = (c << 6) | (s[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        return 0;
    }
    *cp = c;
    return len;
}

void ic_report__escape(FILE *f, const char *s, int in_attr)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    size_t len;

    if (s == NULL) {
        return;
    }
    while (*p != '\0') {
        len = utf8_seq(p, &cp);
        if (len == 0) {
            fputs("\xef\xbf\xbd", f); /* U+FFFD for a malformed byte */
            p++;
            continue;
        }
        switch (cp) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        case '\t':
        case '\n':
        case '\r':
            if (in_attr) {
                fprintf(f, "&#%u;", (unsigned)cp);
            } else {
                fputc((int)cp, f);
            }
            break;
        default:
            /* XML 1.0 Char production: no C0 controls but TAB/LF/CR, no U+FFFE/U+FFFF. DEL is
               legal XML but an HTML parse error, so it goes too. */
            if (cp < 0x20 || cp == 0x7f || cp == 0xfffe || cp == 0xffff) {
                break;
            }
            fwrite(p, 1, len, f);
            break;
        }
        p += len;
    }
}

char *ic_report__utf8_clean(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0, len;
    uint32_t cp;
    char *out, *q;

    if (s == NULL) {
        return NULL;
    }
    for (; *p != '\0'; p += len) {
        len = utf8_seq(p, &cp);
        n += len == 0 ? 3 : len;
        len = len == 0 ? 1 : len;
    }
    out = malloc(n + 1);
    if (out == NULL) {
        return NULL;
    }
    q = out;
    for (p = (const unsigned char *)s; *p != '\0'; p += len) {
        len = utf8_seq(p, &cp);
        if (len == 0) {
            memcpy(q, "\xef\xbf\xbd", 3);
            q += 3;
            len = 1;
        } else {
            memcpy(q, p, len);
            q += len;
        }
    }
    *q = '\0';
    return out;
}

const char *ic_report__tag(const ic_case_result *r, const char *key)
{
    size_t i, k = strlen(key);

    for (i = 0; i < r->ntags; i++) {
        const char *t = r->tags[i];
        if (t != NULL && strncmp(t, key, k) == 0 && t[k] == ':') {
            return t + k + 1;
        }
    }
    return NULL;
}
