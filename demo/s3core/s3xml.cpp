// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3xml.h"

#include <QtCore/qxmlstream.h>

namespace S3Xml {

QDateTime parseTimestamp(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::RFC2822Date);
    return t;
}

QList<S3Bucket> parseBuckets(const QByteArray &xml, QString *errorString)
{
    QList<S3Bucket> buckets;
    QXmlStreamReader reader(xml);
    S3Bucket current;
    bool inBucket = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const auto name = reader.name();
            if (name == u"Bucket") {
                inBucket = true;
                current = S3Bucket();
            } else if (inBucket && name == u"Name") {
                current.name = reader.readElementText();
            } else if (inBucket && name == u"CreationDate") {
                current.creationDate = parseTimestamp(reader.readElementText());
            }
        } else if (reader.isEndElement() && reader.name() == u"Bucket") {
            inBucket = false;
            buckets.append(current);
        }
    }
    if (reader.hasError() && errorString)
        *errorString = reader.errorString();
    return buckets;
}

S3ListPage parseListObjectsV2(const QByteArray &xml, QString *errorString)
{
    S3ListPage page;
    QXmlStreamReader reader(xml);
    int depth = 0;
    bool inContents = false;
    bool inPrefixes = false;
    S3Object object;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            ++depth;
            const auto name = reader.name();
            if (name == u"Contents") {
                inContents = true;
                object = S3Object();
                continue;
            }
            if (name == u"CommonPrefixes") {
                inPrefixes = true;
                continue;
            }
            if (inContents) {
                if (name == u"Key")
                    object.key = reader.readElementText();
                else if (name == u"Size")
                    object.size = reader.readElementText().toLongLong();
                else if (name == u"LastModified")
                    object.lastModified = parseTimestamp(reader.readElementText());
                else if (name == u"ETag")
                    object.etag = reader.readElementText().remove(u'"');
                else
                    reader.skipCurrentElement();
                --depth;
            } else if (inPrefixes) {
                if (name == u"Prefix")
                    page.folders.append(reader.readElementText());
                else
                    reader.skipCurrentElement();
                --depth;
            } else if (depth == 2) {
                if (name == u"Name")
                    page.bucket = reader.readElementText();
                else if (name == u"Prefix")
                    page.prefix = reader.readElementText();
                else if (name == u"IsTruncated")
                    page.isTruncated = reader.readElementText() == u"true";
                else if (name == u"NextContinuationToken")
                    page.nextContinuationToken = reader.readElementText();
                else
                    reader.skipCurrentElement();
                --depth;
            }
        } else if (reader.isEndElement()) {
            --depth;
            if (reader.name() == u"Contents") {
                inContents = false;
                page.objects.append(object);
            } else if (reader.name() == u"CommonPrefixes") {
                inPrefixes = false;
            }
        }
    }
    if (reader.hasError() && errorString)
        *errorString = reader.errorString();
    if (!page.isTruncated)
        page.nextContinuationToken.clear();
    return page;
}

bool parseError(const QByteArray &xml, S3Error *error)
{
    QXmlStreamReader reader(xml);
    bool isError = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (!reader.isStartElement())
            continue;
        const auto name = reader.name();
        if (name == u"Error") {
            isError = true;
        } else if (isError && name == u"Code") {
            error->code = reader.readElementText();
        } else if (isError && name == u"Message") {
            error->message = reader.readElementText();
        } else if (isError && (name == u"Resource" || name == u"BucketName" || name == u"Key")) {
            if (error->resource.isEmpty())
                error->resource = reader.readElementText();
        }
    }
    return isError && (!error->code.isEmpty() || !error->message.isEmpty());
}

QByteArray createBucketConfiguration(const QString &region)
{
    if (region.isEmpty() || region == u"us-east-1")
        return QByteArray();
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(QStringLiteral("CreateBucketConfiguration"));
    writer.writeDefaultNamespace(QStringLiteral("http://s3.amazonaws.com/doc/2006-03-01/"));
    writer.writeTextElement(QStringLiteral("LocationConstraint"), region);
    writer.writeEndElement();
    return xml;
}

} // namespace S3Xml
