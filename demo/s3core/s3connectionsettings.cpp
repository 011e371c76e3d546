// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "s3connectionsettings.h"

#include <QtCore/qsettings.h>

QString S3ConnectionSettings::displayName() const
{
    const QString where = isAws() ? QStringLiteral("AWS S3 %1").arg(region)
                                  : endpoint.toString(QUrl::RemoveUserInfo);
    const QString who = usesProfile() ? QStringLiteral("profile %1").arg(profile)
            : accessKeyId.isEmpty() ? QStringLiteral("default credentials") : accessKeyId;
    return QStringLiteral("%1 (%2)").arg(where, who);
}

void S3ConnectionSettings::save(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("connection"));
    settings.setValue(QStringLiteral("endpoint"), endpoint.toString());
    settings.setValue(QStringLiteral("region"), region);
    settings.setValue(QStringLiteral("profile"), profile);
    settings.setValue(QStringLiteral("accessKeyId"), accessKeyId);
    settings.setValue(QStringLiteral("pathStyle"), pathStyle);
    // Deliberately not saved: the secret access key and the session token.
    settings.remove(QStringLiteral("secretAccessKey"));
    settings.endGroup();
}

S3ConnectionSettings S3ConnectionSettings::load(QSettings &settings)
{
    S3ConnectionSettings s;
    settings.beginGroup(QStringLiteral("connection"));
    s.endpoint = QUrl(settings.value(QStringLiteral("endpoint")).toString());
    s.region = settings.value(QStringLiteral("region"), s.region).toString();
    s.profile = settings.value(QStringLiteral("profile")).toString();
    s.accessKeyId = settings.value(QStringLiteral("accessKeyId")).toString();
    s.pathStyle = settings.value(QStringLiteral("pathStyle"), true).toBool();
    settings.endGroup();
    return s;
}
