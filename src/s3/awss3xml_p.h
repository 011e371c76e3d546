// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSS3XML_P_H
#define AWSS3XML_P_H

#include <qtsigv4/awss3bucket.h>
#include <qtsigv4/awss3deleteerror.h>
#include <qtsigv4/awss3listresult.h>
#include <qtsigv4/awss3object.h>
#include <qtsigv4/awss3part.h>
#include <qtsigv4/qtsigv4s3global.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>

// The XML of S3's answers and requests, read with QXmlStreamReader. Every reader refuses a
// DTD, a wrong root element and malformed or truncated XML with a reason in *errorString;
// the caller bounds the size of what it passes.
namespace AwsS3Xml {

struct ServiceError
{
    QString code;
    QString message;
    QString requestId;
};

// Server text made safe for errorString() and logs: control characters escaped, cut.
QString cleanText(const QString &text, int maxLength = 256);

bool parseError(const QByteArray &xml, ServiceError *error);
bool parseBuckets(const QByteArray &xml, QList<AwsS3Bucket> *buckets,
                   QString *errorString);
bool parseListObjectsV2(const QByteArray &xml, AwsS3ListResult *result,
                                         QString *errorString);
bool parseDeleteResult(const QByteArray &xml, QStringList *deleted,
                                        QList<AwsS3DeleteError> *errors, QString *errorString);
bool parseCopyResult(const QByteArray &xml, AwsS3Object *object,
                                      QString *errorString);

// InitiateMultipartUploadResult: the upload id (checked by the caller).
bool parseInitiateMultipartUpload(const QByteArray &xml, QString *uploadId, QString *errorString);
// One ListPartsResult page; *nextMarker is 0 when it is the last page.
bool parseListParts(const QByteArray &xml, QList<AwsS3Part> *parts, int *nextMarker,
                    QString *errorString);
bool parseCompleteMultipartUpload(const QByteArray &xml, AwsS3Object *object,
                                  QString *errorString);

QByteArray completeMultipartRequest(const QList<AwsS3Part> &parts);
QByteArray createBucketConfiguration(const QString &region);
QByteArray deleteRequest(const QStringList &keys);
bool isXmlSafe(const QString &text);

} // namespace AwsS3Xml

#endif // AWSS3XML_P_H
