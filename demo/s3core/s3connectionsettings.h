// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef S3CONNECTIONSETTINGS_H
#define S3CONNECTIONSETTINGS_H

#include <QtCore/qstring.h>
#include <QtCore/qurl.h>

class QSettings;

// Where and as whom to connect. The secret access key and the session token are never written
// to QSettings: save() leaves them out and load() leaves them empty.
struct S3ConnectionSettings
{
    QUrl endpoint;            // empty: AWS (https://s3.<region>.amazonaws.com)
    QString region = QStringLiteral("us-east-1");
    QString profile;          // non-empty: credentials from this profile of ~/.aws
    QString accessKeyId;
    QString secretAccessKey;  // not persisted
    QString sessionToken;     // not persisted
    bool pathStyle = true;    // only for a custom endpoint; AWS uses virtual-hosted style

    bool usesProfile() const { return !profile.isEmpty(); }
    bool isAws() const { return endpoint.isEmpty(); }
    QString displayName() const;

    void save(QSettings &settings) const;
    static S3ConnectionSettings load(QSettings &settings);
};

#endif // S3CONNECTIONSETTINGS_H
