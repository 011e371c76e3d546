// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSIGNING_H
#define AWSSIGNING_H

#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>
#include <QtQml/qjsvalue.h>
#include <QtCore/qurl.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

class AwsNetworkAccessManager;
class AwsQmlNetworkAccessManagerFactory;

// import QtSigV4
// AwsSigning { endpoint: "http://127.0.0.1:5000"; region: "us-east-1"; service: "s3"; profile: "dev" }
//
// Installs a network access manager factory on its QML engine so that XMLHttpRequest, Image,
// Loader and every other network use of the engine is signed with SigV4 for the endpoint (or
// for AWS endpoints when no endpoint is set). Credentials: accessKeyId/secretAccessKey
// (+ sessionToken), else AWS IoT Core credentials for the device certificate when iotEndpoint
// is set (iotRoleAlias, iotThingName, iotCertificateFile, iotPrivateKeyFile, iotCaFile: paths
// or file: URLs), else the profile, else the default chain. Set the properties before the
// engine makes its first network request: the engine keeps the manager it created.
class AwsSigning : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(QString service READ service WRITE setService NOTIFY changed)
    Q_PROPERTY(QString region READ region WRITE setRegion NOTIFY changed)
    Q_PROPERTY(QString profile READ profile WRITE setProfile NOTIFY changed)
    Q_PROPERTY(QUrl endpoint READ endpoint WRITE setEndpoint NOTIFY changed)
    Q_PROPERTY(QString accessKeyId READ accessKeyId WRITE setAccessKeyId NOTIFY changed)
    Q_PROPERTY(QString secretAccessKey READ secretAccessKey WRITE setSecretAccessKey NOTIFY changed)
    Q_PROPERTY(QString sessionToken READ sessionToken WRITE setSessionToken NOTIFY changed)
    Q_PROPERTY(QString iotEndpoint READ iotEndpoint WRITE setIotEndpoint NOTIFY changed)
    Q_PROPERTY(QString iotRoleAlias READ iotRoleAlias WRITE setIotRoleAlias NOTIFY changed)
    Q_PROPERTY(QString iotThingName READ iotThingName WRITE setIotThingName NOTIFY changed)
    Q_PROPERTY(QString iotCertificateFile READ iotCertificateFile WRITE setIotCertificateFile NOTIFY changed)
    Q_PROPERTY(QString iotPrivateKeyFile READ iotPrivateKeyFile WRITE setIotPrivateKeyFile NOTIFY changed)
    Q_PROPERTY(QString iotCaFile READ iotCaFile WRITE setIotCaFile NOTIFY changed)
    Q_PROPERTY(bool installed READ isInstalled NOTIFY installedChanged)
public:
    explicit AwsSigning(QObject *parent = nullptr);
    ~AwsSigning() override;

    QString service() const;
    void setService(const QString &service);
    QString region() const;
    void setRegion(const QString &region);
    QString profile() const;
    void setProfile(const QString &profile);
    QUrl endpoint() const;
    void setEndpoint(const QUrl &endpoint);
    QString accessKeyId() const;
    void setAccessKeyId(const QString &id);
    QString secretAccessKey() const;
    void setSecretAccessKey(const QString &secret);
    QString sessionToken() const;
    void setSessionToken(const QString &token);
    QString iotEndpoint() const;
    void setIotEndpoint(const QString &endpoint);
    QString iotRoleAlias() const;
    void setIotRoleAlias(const QString &alias);
    QString iotThingName() const;
    void setIotThingName(const QString &thing);
    QString iotCertificateFile() const;
    void setIotCertificateFile(const QString &path);
    QString iotPrivateKeyFile() const;
    void setIotPrivateKeyFile(const QString &path);
    QString iotCaFile() const;
    void setIotCaFile(const QString &path);
    bool isInstalled() const { return m_installed; }

    // A presigned GET URL for url, valid for expiresInSeconds, made with the same credentials
    // as the signing (keys, else profile, else the default chain). Returned at once when the
    // credentials are at hand (else an empty URL); callback(url, errorString) and presigned()
    // follow in every case, from the event loop.
    Q_INVOKABLE QUrl presign(const QUrl &url, int expiresInSeconds = 3600,
                             const QJSValue &callback = QJSValue());

    // A manager configured as the engine's would be (rule and credentials of the settings), for
    // the module's other elements; parent owns it.
    AwsNetworkAccessManager *createNetworkAccessManager(QObject *parent) const;

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void changed();
    void installedChanged();
    void presigned(const QUrl &url, const QUrl &presignedUrl, const QString &errorString);

private:
    void push();

    AwsNetworkAccessManager *presignManager();

    AwsQmlNetworkAccessManagerFactory *m_factory = nullptr;
    QPointer<AwsNetworkAccessManager> m_presignManager; // rebuilt when a property changes
    bool m_installed = false;
};

#endif // AWSSIGNING_H
