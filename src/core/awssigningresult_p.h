// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNINGRESULT_P_H
#define AWSSIGNINGRESULT_P_H

#include <qtsigv4/awssigningresult.h>

#include <atomic>

// The strings of a result live in one array, each followed by a '\0'; the getters return
// arrays that share it (no copy, no allocation: one reference count each). A signature
// then allocates this private and that array, where it allocated eight arrays before.
class AwsSigningResultPrivate : public QSharedData
{
public:
    enum Piece {
        CanonicalRequest,
        StringToSign,
        Signature,
        SignedHeaders,
        CredentialScope,
        Authorization,
        PayloadHash,
        AmzDate,
        QueryToAdd,
        PieceCount
    };
    // The header fields the signer added (header mode), in the order of headersToAdd().
    enum AddedField : quint8 {
        AddedToken = 0x1,
        AddedAmzDate = 0x2,
        AddedRegionSet = 0x4,
        AddedContentSha256 = 0x8,
        AddedAuthorization = 0x10
    };

    AwsSigningResultPrivate() = default;
    explicit AwsSigningResultPrivate(const AwsHttpRequest &signedRequest) : request(signedRequest) { }

    // piece as an array sharing text (null if the signer did not set it).
    QByteArray piece(Piece piece) const;
    // Appends value and its '\0' to text and records where it is.
    void setPiece(Piece piece, QByteArrayView value);
    // Records a piece already written at text[offset], size bytes, followed by a '\0'.
    void setPieceAt(Piece piece, qsizetype offset, qsizetype size);
    QByteArrayView view(Piece piece) const;
    // Made on the first call and kept, so every call returns the same shared list (as
    // before: r.headersToAdd().cbegin() and r.headersToAdd().cend() iterate one list).
    AwsHeaderList headersToAdd() const;

    AwsSigningResult::Error error = AwsSigningResult::NoError;
    QString errorString;
    QByteArray text;
    qsizetype offsets[PieceCount] = {};
    qsizetype sizes[PieceCount] = { -1, -1, -1, -1, -1, -1, -1, -1, -1 };
    quint8 added = 0;
    QByteArray token;     // the X-Amz-Security-Token value, when added
    QByteArray regionSet; // the X-Amz-Region-Set value, when added
    QDateTime signingTime;
    AwsHttpRequest request; // the request as signed (date fixes applied), before additions

private:
    // The list headersToAdd() made: any thread may make it first (the loser's copy is
    // dropped). A copy of the private starts without one.
    class HeadersCache
    {
    public:
        HeadersCache() = default;
        HeadersCache(const HeadersCache &) { }
        HeadersCache &operator=(const HeadersCache &) = delete;
        ~HeadersCache() { delete m_list.load(std::memory_order_acquire); }
        const AwsHeaderList *get() const { return m_list.load(std::memory_order_acquire); }
        const AwsHeaderList *set(const AwsHeaderList *fresh) const;

    private:
        mutable std::atomic<const AwsHeaderList *> m_list { nullptr };
    };
    AwsHeaderList makeHeadersToAdd() const;
    HeadersCache headersCache;
};

#endif // AWSSIGNINGRESULT_P_H
