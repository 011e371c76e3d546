// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awssigning.h"

#include "awsqmlnetworkaccessmanagerfactory.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awspresignreply.h>

#include <QtCore/qloggingcategory.h>
#include <QtCore/qmetaobject.h>
#include <QtNetwork/qnetworkrequest.h>
#include <QtQml/qqmlengine.h>

Q_LOGGING_CATEGORY(lcQtSigV4Qml, "qtsigv4.qml")

AwsSigning::AwsSigning(QObject *parent)
    : QObject(parent), m_factory(new AwsQmlNetworkAccessManagerFactory)
{
}

AwsSigning::~AwsSigning()
{
    // The engine owns the factory once installed (it deletes it with itself, or when another
    // factory replaces it is the caller's business); an uninstalled one is ours.
    if (!m_installed)
        delete m_factory;
}

#define AWS_SIGNING_PROPERTY(getter, setter, type, member)                                     \
    type AwsSigning::getter() const { return m_factory->settings().member; }                  \
    void AwsSigning::setter(const type &value)                                                \
    {                                                                                          \
        AwsQmlSigningSettings s = m_factory->settings();                                       \
        if (s.member == value)                                                                 \
            return;                                                                            \
        s.member = value;                                                                      \
        m_factory->setSettings(s);                                                             \
        emit changed();                                                                        \
    }

AWS_SIGNING_PROPERTY(service, setService, QString, service)
AWS_SIGNING_PROPERTY(region, setRegion, QString, region)
AWS_SIGNING_PROPERTY(profile, setProfile, QString, profile)
AWS_SIGNING_PROPERTY(endpoint, setEndpoint, QUrl, endpoint)
AWS_SIGNING_PROPERTY(accessKeyId, setAccessKeyId, QString, accessKeyId)
AWS_SIGNING_PROPERTY(secretAccessKey, setSecretAccessKey, QString, secretAccessKey)
AWS_SIGNING_PROPERTY(sessionToken, setSessionToken, QString, sessionToken)
AWS_SIGNING_PROPERTY(iotEndpoint, setIotEndpoint, QString, iotEndpoint)
AWS_SIGNING_PROPERTY(iotRoleAlias, setIotRoleAlias, QString, iotRoleAlias)
AWS_SIGNING_PROPERTY(iotThingName, setIotThingName, QString, iotThingName)
AWS_SIGNING_PROPERTY(iotCertificateFile, setIotCertificateFile, QString, iotCertificateFile)
AWS_SIGNING_PROPERTY(iotPrivateKeyFile, setIotPrivateKeyFile, QString, iotPrivateKeyFile)
AWS_SIGNING_PROPERTY(iotCaFile, setIotCaFile, QString, iotCaFile)

#undef AWS_SIGNING_PROPERTY

AwsNetworkAccessManager *AwsSigning::createNetworkAccessManager(QObject *parent) const
{
    return static_cast<AwsNetworkAccessManager *>(m_factory->create(parent));
}

void AwsSigning::classBegin()
{
}

void AwsSigning::componentComplete()
{
    QQmlEngine *engine = qmlEngine(this);
    if (!engine) {
        qCWarning(lcQtSigV4Qml, "AwsSigning: no QML engine, nothing is signed");
        return;
    }
    if (engine->networkAccessManagerFactory()) {
        qCWarning(lcQtSigV4Qml, "AwsSigning: the engine already has a network access manager "
                                "factory; only one AwsSigning per engine takes effect");
        return;
    }
    engine->setNetworkAccessManagerFactory(m_factory);
    // QQmlEngine does not delete its factory: keep it alive as long as the engine.
    AwsQmlNetworkAccessManagerFactory *factory = m_factory;
    connect(engine, &QObject::destroyed, engine, [factory]() { delete factory; });
    m_installed = true;
    emit installedChanged();
}

// The manager the engine would get, kept for presign(): its credentials provider keeps what it
// fetched (a profile's role, the chain's answer) between calls.
AwsNetworkAccessManager *AwsSigning::presignManager()
{
    if (!m_presignManager) {
        m_presignManager = createNetworkAccessManager(this);
        // A property changed: the next presign() gets a new manager. The old one goes now
        // unless presign replies are pending on it (deleting it would drop their callbacks);
        // then it goes with this element.
        connect(this, &AwsSigning::changed, m_presignManager.data(), [this] {
            AwsNetworkAccessManager *old = m_presignManager;
            m_presignManager = nullptr;
            if (old && old->findChildren<AwsPresignReply *>().isEmpty())
                old->deleteLater();
        }, Qt::SingleShotConnection);
    }
    return m_presignManager;
}

QUrl AwsSigning::presign(const QUrl &url, int expiresInSeconds, const QJSValue &callback)
{
    AwsPresignReply *reply = presignManager()->presign(QNetworkRequest(url), "GET", expiresInSeconds);
    connect(reply, &AwsPresignReply::finished, this, [this, reply, callback]() mutable {
        reply->deleteLater();
        // An error is the caller's to report; warn only when nobody receives it.
        if (reply->error() != AwsPresignReply::NoError && !callback.isCallable()
            && !isSignalConnected(QMetaMethod::fromSignal(&AwsSigning::presigned)))
            qCWarning(lcQtSigV4Qml).noquote() << "AwsSigning.presign():" << reply->errorString();
        if (callback.isCallable())
            callback.call({ QJSValue(reply->url().toString(QUrl::FullyEncoded)), QJSValue(reply->errorString()) });
        Q_EMIT presigned(reply->requestUrl(), reply->url(), reply->errorString());
    });
    return reply->isFinished() ? reply->url() : QUrl();
}
