// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3/awss3xml_p.h"

#include <QtCore/qurl.h>
#include <QtCore/qxmlstream.h>

#include <algorithm>
#include <functional>

namespace AwsS3Xml {

namespace {

using ChildHandler = std::function<void(QXmlStreamReader &)>;

const QString S3Namespace = QStringLiteral("http://s3.amazonaws.com/doc/2006-03-01/");

// Calls onChild for each child element of the current element; onChild must consume the
// element (readElementText(), readChildren() or skipCurrentElement()).
void readChildren(QXmlStreamReader &reader, const ChildHandler &onChild)
{
    while (reader.readNextStartElement())
        onChild(reader);
}

// Reads a document whose root is `root`; false with a reason for anything else.
bool readDocument(const QByteArray &xml, QStringView root, const ChildHandler &onChild,
                  QString *errorString)
{
    if (xml.trimmed().isEmpty()) {
        *errorString = QStringLiteral("empty answer");
        return false;
    }
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::DTD) {
            // No DTD in an S3 answer: entity definitions are a way to blow up memory.
            *errorString = QStringLiteral("the answer has a DTD");
            return false;
        }
        if (token == QXmlStreamReader::StartElement)
            break;
    }
    if (reader.hasError() || !reader.isStartElement()) {
        *errorString = reader.hasError()
                ? QStringLiteral("not XML (%1)").arg(cleanText(reader.errorString(), 120))
                : QStringLiteral("empty answer");
        return false;
    }
    // moto names some roots "...Response" where S3 says "...Result" (botocore ignores it).
    const bool responseName = root.endsWith(u"Result")
            && reader.name() == root.chopped(6).toString() + QStringLiteral("Response");
    if (reader.name() != root && !responseName) {
        *errorString = QStringLiteral("expected <%1>, the answer is <%2>")
                               .arg(root.toString(), cleanText(reader.name().toString(), 64));
        return false;
    }
    readChildren(reader, onChild);
    while (!reader.atEnd() && !reader.hasError())
        reader.readNext();
    if (reader.hasError()) {
        *errorString = QStringLiteral("malformed XML at line %1 (%2)")
                               .arg(reader.lineNumber())
                               .arg(cleanText(reader.errorString(), 120));
        return false;
    }
    return true;
}

QDateTime parseTimestamp(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::RFC2822Date);
    return t;
}

QString unquoted(QString eTag)
{
    if (eTag.size() >= 2 && eTag.startsWith(u'"') && eTag.endsWith(u'"'))
        eTag = eTag.mid(1, eTag.size() - 2);
    return eTag;
}

// Keys and prefixes of a listing made with encoding-type=url (XML 1.0 cannot carry every
// character a key may hold); only when the server says it applied the encoding.
QString decoded(const QString &text, bool urlEncoded)
{
    if (!urlEncoded)
        return text;
    QByteArray bytes = text.toUtf8();
    bytes.replace('+', "%20");
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

AwsS3Object readObject(QXmlStreamReader &reader, bool urlEncoded, bool *ok)
{
    AwsS3Object object;
    readChildren(reader, [&](QXmlStreamReader &r) {
        const auto name = r.name();
        if (name == u"Key")
            object.setKey(decoded(r.readElementText(), urlEncoded));
        else if (name == u"Size")
            object.setSize(r.readElementText().toLongLong(ok));
        else if (name == u"ETag")
            object.setETag(unquoted(r.readElementText()));
        else if (name == u"LastModified")
            object.setLastModified(parseTimestamp(r.readElementText()));
        else if (name == u"StorageClass")
            object.setStorageClass(r.readElementText());
        else
            r.skipCurrentElement();
    });
    if (object.key().isEmpty() || object.size() < 0)
        *ok = false;
    return object;
}

AwsS3Part readPart(QXmlStreamReader &reader)
{
    AwsS3Part part;
    readChildren(reader, [&](QXmlStreamReader &f) {
        const auto field = f.name();
        if (field == u"PartNumber")
            part.setPartNumber(f.readElementText().toInt());   // 0 (invalid) when not a number
        else if (field == u"ETag")
            part.setETag(unquoted(f.readElementText()));
        else if (field == u"Size")
            part.setSize(f.readElementText().toLongLong());
        else if (field == u"ChecksumCRC32C")
            part.setChecksumCrc32c(f.readElementText().toLatin1());
        else
            f.skipCurrentElement();
    });
    return part;
}

} // namespace

QString cleanText(const QString &text, int maxLength)
{
    QString out;
    out.reserve(qMin(int(text.size()), maxLength) + 8);
    for (const QChar c : text) {
        if (out.size() >= maxLength) {
            out += QStringLiteral("...");
            break;
        }
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Format
            || c.category() == QChar::Other_Control)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

bool parseError(const QByteArray &xml, ServiceError *error)
{
    QString ignored;
    ServiceError e;
    const bool ok = readDocument(xml, u"Error", [&](QXmlStreamReader &r) {
        const auto name = r.name();
        if (name == u"Code")
            e.code = cleanText(r.readElementText(), 64);
        else if (name == u"Message")
            e.message = cleanText(r.readElementText(), 512);
        else if (name == u"RequestId")
            e.requestId = cleanText(r.readElementText(), 128);
        else
            r.skipCurrentElement();
    }, &ignored);
    if (!ok || e.code.isEmpty())
        return false;
    *error = e;
    return true;
}

bool parseBuckets(const QByteArray &xml, QList<AwsS3Bucket> *buckets, QString *errorString)
{
    QList<AwsS3Bucket> result;
    const bool ok = readDocument(xml, u"ListAllMyBucketsResult", [&](QXmlStreamReader &r) {
        if (r.name() != u"Buckets")
            return r.skipCurrentElement();
        readChildren(r, [&](QXmlStreamReader &b) {
            if (b.name() != u"Bucket")
                return b.skipCurrentElement();
            AwsS3Bucket bucket;
            readChildren(b, [&](QXmlStreamReader &f) {
                if (f.name() == u"Name")
                    bucket.setName(f.readElementText());
                else if (f.name() == u"CreationDate")
                    bucket.setCreationDate(parseTimestamp(f.readElementText()));
                else
                    f.skipCurrentElement();
            });
            result.append(bucket);
        });
    }, errorString);
    if (ok)
        *buckets = result;
    return ok;
}

bool parseListObjectsV2(const QByteArray &xml, AwsS3ListResult *result, QString *errorString)
{
    // EncodingType may follow the keys: collect raw text, decode at the end.
    QList<AwsS3Object> objects;
    QStringList prefixes;
    QString token;
    bool truncated = false;
    bool urlEncoded = false;
    bool valid = true;
    const bool ok = readDocument(xml, u"ListBucketResult", [&](QXmlStreamReader &r) {
        const auto name = r.name();
        if (name == u"Contents") {
            objects.append(readObject(r, false, &valid));
        } else if (name == u"CommonPrefixes") {
            readChildren(r, [&](QXmlStreamReader &p) {
                if (p.name() == u"Prefix")
                    prefixes.append(p.readElementText());
                else
                    p.skipCurrentElement();
            });
        } else if (name == u"IsTruncated") {
            truncated = r.readElementText() == u"true";
        } else if (name == u"NextContinuationToken") {
            token = r.readElementText();
        } else if (name == u"EncodingType") {
            urlEncoded = r.readElementText() == u"url";
        } else {
            r.skipCurrentElement();
        }
    }, errorString);
    if (!ok)
        return false;
    if (!valid) {
        *errorString = QStringLiteral("a listed object has no key or no valid size");
        return false;
    }
    if (urlEncoded) {
        for (AwsS3Object &object : objects)
            object.setKey(decoded(object.key(), true));
        for (QString &prefix : prefixes)
            prefix = decoded(prefix, true);
    }
    AwsS3ListResult page;
    page.setObjects(objects);
    page.setCommonPrefixes(prefixes);
    page.setTruncated(truncated);
    page.setNextContinuationToken(truncated ? token : QString());
    *result = page;
    return true;
}

bool parseDeleteResult(const QByteArray &xml, QStringList *deleted,
                       QList<AwsS3DeleteError> *errors, QString *errorString)
{
    return readDocument(xml, u"DeleteResult", [&](QXmlStreamReader &r) {
        const bool isError = r.name() == u"Error";
        if (!isError && r.name() != u"Deleted")
            return r.skipCurrentElement();
        QString key, code, message;
        readChildren(r, [&](QXmlStreamReader &f) {
            if (f.name() == u"Key")
                key = f.readElementText();
            else if (f.name() == u"Code")
                code = cleanText(f.readElementText(), 64);
            else if (f.name() == u"Message")
                message = cleanText(f.readElementText(), 512);
            else
                f.skipCurrentElement();
        });
        if (isError)
            errors->append(AwsS3DeleteError(key, code, message));
        else
            deleted->append(key);
    }, errorString);
}

bool parseCopyResult(const QByteArray &xml, AwsS3Object *object, QString *errorString)
{
    return readDocument(xml, u"CopyObjectResult", [&](QXmlStreamReader &r) {
        if (r.name() == u"ETag")
            object->setETag(unquoted(r.readElementText()));
        else if (r.name() == u"LastModified")
            object->setLastModified(parseTimestamp(r.readElementText()));
        else
            r.skipCurrentElement();
    }, errorString);
}

bool parseInitiateMultipartUpload(const QByteArray &xml, QString *uploadId, QString *errorString)
{
    QString id;
    if (!readDocument(xml, u"InitiateMultipartUploadResult", [&](QXmlStreamReader &r) {
            if (r.name() == u"UploadId")
                id = r.readElementText();
            else
                r.skipCurrentElement();
        }, errorString))
        return false;
    if (id.isEmpty()) {
        *errorString = QStringLiteral("the answer has no upload id");
        return false;
    }
    *uploadId = id;
    return true;
}

bool parseListParts(const QByteArray &xml, QList<AwsS3Part> *parts, int *nextMarker,
                    QString *errorString)
{
    QList<AwsS3Part> page;
    bool truncated = false;
    int marker = 0;
    const bool ok = readDocument(xml, u"ListPartsResult", [&](QXmlStreamReader &r) {
        const auto name = r.name();
        if (name == u"IsTruncated")
            truncated = r.readElementText() == u"true";
        else if (name == u"NextPartNumberMarker")
            marker = r.readElementText().toInt();
        else if (name == u"Part")
            page.append(readPart(r));
        else
            r.skipCurrentElement();
    }, errorString);
    const bool valid = std::all_of(page.cbegin(), page.cend(), [](const AwsS3Part &part) {
        return part.partNumber() >= 1 && part.partNumber() <= 10000 && !part.eTag().isEmpty();
    });
    if (ok && !valid)
        *errorString = QStringLiteral("a listed part has no valid number or no ETag");
    else if (ok && truncated && marker <= 0)
        *errorString = QStringLiteral("the server says more parts follow but gives no marker");
    else if (ok)
        parts->append(page);
    *nextMarker = truncated ? marker : 0;
    return ok && valid && (!truncated || marker > 0);
}

bool parseCompleteMultipartUpload(const QByteArray &xml, AwsS3Object *object, QString *errorString)
{
    return readDocument(xml, u"CompleteMultipartUploadResult", [&](QXmlStreamReader &r) {
        if (r.name() == u"ETag")
            object->setETag(unquoted(r.readElementText()));
        else
            r.skipCurrentElement();
    }, errorString);
}

QByteArray completeMultipartRequest(const QList<AwsS3Part> &parts)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("CompleteMultipartUpload"));
    writer.writeDefaultNamespace(S3Namespace);
    for (const AwsS3Part &part : parts) {
        writer.writeStartElement(QStringLiteral("Part"));
        writer.writeTextElement(QStringLiteral("PartNumber"), QString::number(part.partNumber()));
        writer.writeTextElement(QStringLiteral("ETag"), u'"' + part.eTag() + u'"');
        if (!part.checksumCrc32c().isEmpty())
            writer.writeTextElement(QStringLiteral("ChecksumCRC32C"),
                                    QString::fromLatin1(part.checksumCrc32c()));
        writer.writeEndElement();
    }
    writer.writeEndElement();
    writer.writeEndDocument();
    return xml;
}

QByteArray createBucketConfiguration(const QString &region)
{
    if (region.isEmpty() || region == u"us-east-1")
        return QByteArray();
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(QStringLiteral("CreateBucketConfiguration"));
    writer.writeDefaultNamespace(S3Namespace);
    writer.writeTextElement(QStringLiteral("LocationConstraint"), region);
    writer.writeEndElement();
    return xml;
}

QByteArray deleteRequest(const QStringList &keys)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartDocument();
    writer.writeStartElement(QStringLiteral("Delete"));
    writer.writeDefaultNamespace(S3Namespace);
    writer.writeTextElement(QStringLiteral("Quiet"), QStringLiteral("false"));
    for (const QString &key : keys) {
        writer.writeStartElement(QStringLiteral("Object"));
        writer.writeTextElement(QStringLiteral("Key"), key);
        writer.writeEndElement();
    }
    writer.writeEndElement();
    writer.writeEndDocument();
    return xml;
}

// XML 1.0 cannot carry most control characters, even escaped.
bool isXmlSafe(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 && u != 0x9 && u != 0xa && u != 0xd)
            return false;
        if (u == 0xfffe || u == 0xffff)
            return false;
    }
    return true;
}

} // namespace AwsS3Xml
