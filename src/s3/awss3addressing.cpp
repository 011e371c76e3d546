// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3/awss3addressing_p.h"

#include <QtCore/qregularexpression.h>

namespace AwsS3Addressing {

namespace {

bool hasDotSegment(const QString &key)
{
    const auto segments = QStringView(key).split(u'/');
    for (const QStringView segment : segments) {
        if (segment == u"." || segment == u"..")
            return true;
    }
    return false;
}

} // namespace

QString bucketProblem(const QString &bucket, bool creating)
{
    if (bucket.isEmpty())
        return QStringLiteral("the bucket name is empty");
    // Legacy names (us-east-1) may hold upper case and '_'; nothing that could change the path.
    static const QRegularExpression legacy(QStringLiteral("^[A-Za-z0-9._-]{1,255}$"));
    static const QRegularExpression strict(QStringLiteral("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"));
    const QRegularExpression &rule = creating ? strict : legacy;
    if (!rule.match(bucket).hasMatch() || bucket.contains(QStringLiteral(".."))
        || bucket == u"." || bucket == u"..")
        return QStringLiteral("\"%1\" is not a valid bucket name")
                .arg(bucket.left(64).toHtmlEscaped());
    return QString();
}

QString keyProblem(const QString &key)
{
    if (key.isEmpty())
        return QStringLiteral("the key is empty");
    if (key.toUtf8().size() > 1024)
        return QStringLiteral("the key is longer than 1024 bytes");
    // Qt removes dot segments from every path it sends (even percent-encoded); encoding the
    // slashes instead made a server that decodes and normalises write another key.
    if (hasDotSegment(key))
        return QStringLiteral("the key \"%1\" has a \".\" or \"..\" segment, which Qt removes "
                              "from the path it sends: it cannot be addressed")
                .arg(key.left(64));
    return QString();
}

bool isDnsCompatible(const QString &bucket)
{
    static const QRegularExpression dns(QStringLiteral("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"));
    return dns.match(bucket).hasMatch();
}

QByteArray encodeKey(const QString &key)
{
    return QUrl::toPercentEncoding(key, "/");
}

bool isSafeHeaderValue(const QString &value)
{
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

bool isToken(const QString &name)
{
    static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
    return token.match(name).hasMatch();
}

bool isUploadId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._~-]{1,1024}$"));
    return pattern.match(id).hasMatch();
}

bool isETag(const QString &eTag)
{
    static const QRegularExpression pattern(QStringLiteral("^[!#-%'-;=?-~]{1,256}$"));
    return pattern.match(eTag).hasMatch();
}

bool isCrc32cBase64(const QByteArray &value)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9+/]{6}==$"));
    return pattern.match(QString::fromLatin1(value)).hasMatch();
}

QUrl url(const QUrl &base, bool virtualHosted, const QString &bucket, const QString &key,
         const Query &query)
{
    QByteArray text = base.scheme().toLatin1() + "://";
    if (!bucket.isEmpty() && virtualHosted)
        text += bucket.toLatin1() + '.';
    text += base.authority(QUrl::FullyEncoded).toLatin1() + base.path(QUrl::FullyEncoded).toLatin1();
    if (!bucket.isEmpty() && !virtualHosted)
        text += bucket.toLatin1() + (key.isEmpty() ? "" : "/");
    text += encodeKey(key);
    QByteArray q;
    for (const auto &item : query) {
        if (!q.isEmpty())
            q += '&';
        q += QUrl::toPercentEncoding(item.first);
        if (!item.second.isNull())
            q += '=' + QUrl::toPercentEncoding(item.second);
    }
    if (!q.isEmpty())
        text += '?' + q;
    return QUrl::fromEncoded(text, QUrl::StrictMode);
}

} // namespace AwsS3Addressing
