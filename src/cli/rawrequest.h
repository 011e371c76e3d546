// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef SIGV4_RAWREQUEST_H
#define SIGV4_RAWREQUEST_H

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qstring.h>

// The text of a raw HTTP/1.1 request exactly as it was read: request line, header lines
// (folded continuation lines and spacing kept), body. It checks the shape of the text and
// prints it back with the headers a signer adds, the way the official SigV4 test vectors
// write a signed request (.sreq). AwsHttpRequest::fromRaw() does the semantic parsing.
class RawRequest
{
public:
    struct HeaderField {
        QByteArray name;         // as written, trimmed
        QList<QByteArray> lines; // the first line and its continuation lines, verbatim
    };

    // Splits raw text. Returns false and sets *errorString (one line) when the text has no
    // request line, a request line without a target, a header line without a colon, or a
    // continuation line before the first header.
    bool parse(const QByteArray &raw, QString *errorString = nullptr);

    QByteArray requestLine() const { return m_requestLine; }
    QByteArray method() const;
    QByteArray target() const;
    QList<HeaderField> headerFields() const { return m_headers; }
    QByteArray body() const { return m_body; }
    QByteArray lineEnding() const { return m_eol; }

    // The request line with its target replaced by newTarget.
    QByteArray requestLineWithTarget(const QByteArray &newTarget) const;

    // The request as read, followed by addedHeaders ("Name:value", except
    // "Authorization: value"). An original header whose name is among addedHeaders is
    // dropped, since the added one replaces it. A non-null newTarget replaces the target of
    // the request line (presigned URLs). Lines are joined by the line ending of the input,
    // without a final one; a non-empty body follows a blank line.
    QByteArray render(const AwsHeaderList &addedHeaders,
                      const QByteArray &newTarget = QByteArray()) const;

private:
    QByteArray m_requestLine;
    qsizetype m_methodEnd = -1;   // index of the space after the method
    qsizetype m_targetEnd = -1;   // index of the space before "HTTP/", or the line's size
    QList<HeaderField> m_headers;
    QByteArray m_body;
    QByteArray m_eol = "\n";
};

#endif // SIGV4_RAWREQUEST_H
