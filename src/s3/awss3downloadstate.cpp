// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3/awss3downloadstate_p.h"

#include "s3/awss3addressing_p.h"
#include "s3/awss3transfer_p.h"

#include <qtsigv4/awss3downloadoptions.h>

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>

#include <algorithm>

namespace {

constexpr int Version = 1;

} // namespace

int AwsS3DownloadState::partCount() const
{
    return AwsS3Transfer::partCount(size, partSize);
}

qint64 AwsS3DownloadState::partLength(int number) const
{
    return qMin(partSize, size - partOffset(number));
}

QByteArray AwsS3DownloadState::toJson() const
{
    QList<int> numbers(parts.cbegin(), parts.cend());
    std::sort(numbers.begin(), numbers.end());
    QJsonArray list;
    for (int number : std::as_const(numbers))
        list.append(number);
    const QJsonObject root {
        { QStringLiteral("version"), Version },
        { QStringLiteral("bucket"), bucket },
        { QStringLiteral("key"), key },
        { QStringLiteral("eTag"), eTag },
        { QStringLiteral("size"), double(size) },
        { QStringLiteral("partSize"), double(partSize) },
        { QStringLiteral("parts"), list },
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

bool AwsS3DownloadState::parse(const QByteArray &json, QString *problem)
{
    QJsonObject root;
    if (!AwsS3Transfer::parseStateObject(json, Version, &root, &bucket, &key, problem))
        return false;
    const auto fail = [problem](const char *what) {
        *problem = QStringLiteral("invalid %1").arg(QLatin1StringView(what));
        return false;
    };
    const QStringList fields = { QStringLiteral("bucket"), QStringLiteral("eTag"), QStringLiteral("key"),
                                 QStringLiteral("partSize"), QStringLiteral("parts"),
                                 QStringLiteral("size"), QStringLiteral("version") };
    if (root.keys() != fields)   // QJsonObject keeps its keys sorted
        return fail("fields");
    eTag = root.value(u"eTag").toString();
    if (!AwsS3Addressing::isETag(eTag))
        return fail("ETag");
    // A download in parts is of at least one byte.
    if (!AwsS3Transfer::jsonInteger(root.value(u"size"), 1, AwsS3DownloadOptions::MaximumObjectSize, &size)
        || !AwsS3Transfer::jsonInteger(root.value(u"partSize"), AwsS3DownloadOptions::MinimumPartSize,
                                       AwsS3DownloadOptions::MaximumPartSize, &partSize)
        || partCount() > AwsS3DownloadOptions::MaximumPartCount)
        return fail("sizes");
    const QJsonValue list = root.value(u"parts");
    if (!list.isArray() || list.toArray().size() > partCount())
        return fail("part list");
    parts.clear();
    for (const QJsonValue &value : list.toArray()) {
        qint64 number = 0;
        if (!AwsS3Transfer::jsonInteger(value, 1, partCount(), &number) || parts.contains(int(number)))
            return fail("part");
        parts.insert(int(number));
    }
    return true;
}

bool AwsS3DownloadState::load(const QString &path, bool *exists, QString *problem)
{
    return AwsS3Transfer::loadStateFile(path, "download", [this](const QByteArray &json, QString *why) {
        return parse(json, why);
    }, exists, problem);
}

bool AwsS3DownloadState::save(const QString &path, QString *problem) const
{
    return AwsS3Transfer::writeStateFile(path, toJson(), problem);
}
