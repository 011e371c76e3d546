// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3/awss3uploadstate_p.h"

#include "s3/awss3addressing_p.h"
#include "s3/awss3transfer_p.h"

#include <qtsigv4/awss3uploadoptions.h>

#include <QtCore/qcryptographichash.h>
#include <QtCore/qfile.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>

namespace {

constexpr int Version = 1;

bool isHex(const QByteArray &text, int size)
{
    if (text.size() != size)
        return false;
    return std::all_of(text.cbegin(), text.cend(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
}

bool parsePart(const QJsonValue &value, int partCount, bool crc32c, AwsS3Part *part)
{
    const QJsonObject object = value.toObject();
    qint64 number = 0;
    if (!value.isObject() || object.size() > 3 || !AwsS3Transfer::jsonInteger(object.value(u"n"), 1, partCount, &number))
        return false;
    const QString eTag = object.value(u"etag").toString();
    const QByteArray crc = object.value(u"crc32c").toString().toLatin1();
    if (!AwsS3Addressing::isETag(eTag) || (crc32c && !AwsS3Addressing::isCrc32cBase64(crc))
        || (!crc32c && object.contains(u"crc32c")))
        return false;
    *part = AwsS3Part(int(number), eTag, -1, crc);
    return true;
}

} // namespace

int AwsS3UploadState::partCount() const
{
    return AwsS3Transfer::partCount(fileSize, partSize);
}

QByteArray AwsS3UploadState::toJson() const
{
    QJsonArray list;
    for (const AwsS3Part &part : parts) {
        QJsonObject entry { { QStringLiteral("n"), part.partNumber() },
                            { QStringLiteral("etag"), part.eTag() } };
        if (crc32c)
            entry.insert(QStringLiteral("crc32c"), QString::fromLatin1(part.checksumCrc32c()));
        list.append(entry);
    }
    const QJsonObject root {
        { QStringLiteral("version"), Version },
        { QStringLiteral("bucket"), bucket },
        { QStringLiteral("key"), key },
        { QStringLiteral("uploadId"), uploadId },
        { QStringLiteral("partSize"), double(partSize) },
        { QStringLiteral("fileSize"), double(fileSize) },
        { QStringLiteral("modified"), double(modified) },
        { QStringLiteral("head"), QString::fromLatin1(head) },
        { QStringLiteral("checksum"), crc32c ? QStringLiteral("CRC32C") : QString() },
        { QStringLiteral("parts"), list },
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

bool AwsS3UploadState::parse(const QByteArray &json, QString *problem)
{
    QJsonObject root;
    if (!AwsS3Transfer::parseStateObject(json, Version, &root, &bucket, &key, problem))
        return false;
    const auto fail = [problem](const char *what) {
        *problem = QStringLiteral("invalid %1").arg(QLatin1StringView(what));
        return false;
    };
    uploadId = root.value(u"uploadId").toString();
    if (!AwsS3Addressing::isUploadId(uploadId))
        return fail("upload id");
    if (!AwsS3Transfer::jsonInteger(root.value(u"partSize"), AwsS3UploadOptions::MinimumPartSize,
                                    AwsS3UploadOptions::MaximumPartSize, &partSize)
        || !AwsS3Transfer::jsonInteger(root.value(u"fileSize"), 0, AwsS3UploadOptions::MaximumObjectSize,
                                       &fileSize)
        || partCount() > AwsS3UploadOptions::MaximumPartCount)
        return fail("sizes");
    if (!AwsS3Transfer::jsonInteger(root.value(u"modified"), std::numeric_limits<qint64>::min() / 2,
                                    std::numeric_limits<qint64>::max() / 2, &modified))
        return fail("modification time");
    head = root.value(u"head").toString().toLatin1();
    if (!isHex(head, 64))
        return fail("file hash");
    const QString checksum = root.value(u"checksum").toString();
    if (!checksum.isEmpty() && checksum != u"CRC32C")
        return fail("checksum algorithm");
    crc32c = !checksum.isEmpty();
    const QJsonValue list = root.value(u"parts");
    if (!list.isArray() || list.toArray().size() > partCount())
        return fail("part list");
    parts.clear();
    for (const QJsonValue &value : list.toArray()) {
        AwsS3Part part;
        if (!parsePart(value, partCount(), crc32c, &part) || parts.contains(part.partNumber()))
            return fail("part");
        parts.insert(part.partNumber(), part);
    }
    return true;
}

bool AwsS3UploadState::load(const QString &path, bool *exists, QString *problem)
{
    return AwsS3Transfer::loadStateFile(path, "upload", [this](const QByteArray &json, QString *why) {
        return parse(json, why);
    }, exists, problem);
}

bool AwsS3UploadState::save(const QString &path, QString *problem) const
{
    return AwsS3Transfer::writeStateFile(path, toJson(), problem);
}

bool AwsS3UploadState::describe(QFile *file, qint64 *size, qint64 *modified, QByteArray *head,
                                QString *problem)
{
    const QFileInfo info(*file);
    *size = file->size();
    *modified = info.lastModified().toMSecsSinceEpoch();
    if (!file->seek(0)) {
        *problem = file->errorString();
        return false;
    }
    const QByteArray bytes = file->read(HeadSize);
    if (bytes.size() != qMin(*size, HeadSize)) {
        *problem = QStringLiteral("cannot read the file: %1").arg(file->errorString());
        return false;
    }
    *head = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    return true;
}
