// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCONFIGFILE_H
#define AWSCONFIGFILE_H

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qmap.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>

class AwsConfigFilePrivate;

class QTSIGV4_EXPORT AwsConfigFile
{
public:
    enum FileType { ConfigFile, CredentialsFile };
    enum Error {
        NoError,
        ReadError,  // could not be read: unreadable, too large, not a file or pipe
        ParseError  // read, but malformed
    };
    using Properties = QMap<QString, QString>;

    AwsConfigFile();
    AwsConfigFile(const AwsConfigFile &other);
    AwsConfigFile(AwsConfigFile &&other) noexcept;
    AwsConfigFile &operator=(const AwsConfigFile &other);
    AwsConfigFile &operator=(AwsConfigFile &&other) noexcept;
    ~AwsConfigFile();

    void swap(AwsConfigFile &other) noexcept { d.swap(other.d); }

    static AwsConfigFile fromFile(const QString &path, FileType type);
    static AwsConfigFile fromData(const QByteArray &data, FileType type,
                                  const QString &fileName = QString());

    FileType type() const;
    QString fileName() const;
    bool exists() const;
    bool hasError() const;
    Error error() const;
    QString errorString() const;

    QStringList profileNames() const;
    bool hasProfile(const QString &name) const;
    Properties profile(const QString &name) const;
    QString value(const QString &profile, const QString &key) const;

    QStringList sectionNames(const QString &sectionType) const;
    Properties section(const QString &sectionType, const QString &name) const;

    // Locations and selections from the environment (AWS CLI conventions).
    static QString configFilePath();
    static QString credentialsFilePath();
    static QString activeProfileName();
    static QString expandHome(const QString &path);
    static AwsConfigFile loadConfig();
    static AwsConfigFile loadCredentials();

    // A profile as the SDKs see it: config file values overridden by the credentials file.
    static Properties mergedProfile(const AwsConfigFile &config, const AwsConfigFile &credentials,
                                    const QString &profile, bool *found = nullptr);

    // Region: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region (empty when none).
    static QString resolveRegion(const QString &profile = QString());
    // Endpoint: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services section,
    // then the profile's endpoint_url (an empty QUrl when none is configured).
    static QUrl resolveEndpointUrl(const QString &serviceId, const QString &profile = QString());
    static QString endpointEnvironmentVariable(const QString &serviceId);

private:
    QSharedDataPointer<AwsConfigFilePrivate> d;
};

Q_DECLARE_SHARED(AwsConfigFile)

#endif // AWSCONFIGFILE_H
