// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCANONICALREQUEST_P_H
#define AWSCANONICALREQUEST_P_H

// Internal: the canonical request and string to sign of SigV4, one builder for the signer
// and the verifier (docs/design.md section 3).

#include "core/awscanonical_p.h"
#include "core/qtsigv4global_p.h"

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>
#include <QtCore/qvarlengtharray.h>

namespace QtSigV4Private {

// A query parameter already in its canonical encoding (the presigning parameters).
struct QueryParameter
{
    QByteArrayView key;
    QByteArrayView value;
};

// A header field the caller adds to the request's own (views: valid during the constructor).
struct HeaderField
{
    QByteArrayView name;
    QByteArrayView value;
};

// Built in two steps, because presigning signs the signed-header list in the query: the
// constructor picks, lower-cases, collapses and sorts the signed header fields (on the
// stack for any usual request); build() then writes the canonical request into one array
// of its final size, without temporary strings.
class QTSIGV4_AUTOTEST_EXPORT AwsCanonicalRequest
{
public:
    // The request line as sent: the encoded path and the raw query (without '?').
    struct Target
    {
        QByteArrayView method;
        QByteArrayView path;
        QByteArrayView query;
        bool s3Rules = false;       // single encoding, no dot-segment removal
        bool normalizePath = true;  // the generic rules' dot-segment removal
    };

    // The fields of headers, then added, for which isSigned(lower-case name) is true (the
    // name refers to a scratch buffer: valid during the call only).
    AwsCanonicalRequest(const AwsHeaderList &headers, const AwsHeaderList &added,
                        HeaderPredicate isSigned);
    // The same with the added fields as views (the signer's: no list to allocate).
    AwsCanonicalRequest(const AwsHeaderList &headers, const HeaderField *added, qsizetype addedCount,
                        HeaderPredicate isSigned);
    AwsCanonicalRequest(const AwsCanonicalRequest &) = delete;
    AwsCanonicalRequest &operator=(const AwsCanonicalRequest &) = delete;

    // "host;range;x-amz-date": the lower-case names, sorted, each once.
    QByteArray signedHeaders() const;
    qsizetype signedHeadersSize() const { return m_namesSize; }
    char *writeSignedHeaders(char *dst) const;

    // The canonical request. extraQuery joins the request's own query parameters (each
    // already canonical); a parameter named dropQueryKey (after normalisation) is left out,
    // as the verifier leaves out X-Amz-Signature.
    QByteArray build(const Target &target, QByteArrayView signedHeaders, QByteArrayView payloadHash,
                     const QueryParameter *extraQuery = nullptr, qsizetype extraQueryCount = 0,
                     QByteArrayView dropQueryKey = QByteArrayView()) const;
    // The same appended to out (the signer's one result array), with room for extraCapacity
    // more bytes reserved in the same allocation; a null signedHeaders writes
    // signedHeaders(). Returns the size of what was appended.
    qsizetype appendTo(QByteArray &out, qsizetype extraCapacity, const Target &target,
                       QByteArrayView signedHeaders, QByteArrayView payloadHash,
                       const QueryParameter *extraQuery = nullptr, qsizetype extraQueryCount = 0,
                       QByteArrayView dropQueryKey = QByteArrayView()) const;

    static constexpr qsizetype stringToSignSize(QByteArrayView algorithm, QByteArrayView amzDate,
                                                QByteArrayView scope)
    {
        return algorithm.size() + amzDate.size() + scope.size() + 3 + 2 * 32; // hex SHA-256
    }
    // Writes the string to sign (stringToSignSize() bytes) at dst; returns its end.
    static char *writeStringToSign(char *dst, QByteArrayView algorithm, QByteArrayView amzDate,
                                   QByteArrayView scope, QByteArrayView canonicalRequest);

    // algorithm \n amzDate \n scope \n hex(SHA-256(canonicalRequest)).
    static QByteArray stringToSign(QByteArrayView algorithm, QByteArrayView amzDate,
                                   QByteArrayView scope, QByteArrayView canonicalRequest);

private:
    void addFields(const AwsHeaderList &headers, const HeaderField *added, qsizetype addedCount,
                   HeaderPredicate isSigned);
    struct Field
    {
        qsizetype name;
        qsizetype nameLength;
        qsizetype value;
        qsizetype valueLength;
    };
    QByteArrayView nameOf(const Field &f) const { return QByteArrayView(m_scratch.constData() + f.name, f.nameLength); }
    QByteArrayView valueOf(const Field &f) const { return QByteArrayView(m_scratch.constData() + f.value, f.valueLength); }
    bool sameNameAsPrevious(qsizetype i) const { return i > 0 && nameOf(m_fields[i - 1]) == nameOf(m_fields[i]); }
    char *writeHeaderLines(char *dst) const;

    QVarLengthArray<char, 1024> m_scratch;
    QVarLengthArray<Field, 24> m_fields;
    qsizetype m_linesSize = 0;
    qsizetype m_namesSize = 0;
};

} // namespace QtSigV4Private

#endif // AWSCANONICALREQUEST_P_H
