// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Snippets of README.md: the network access manager. Compiled by the docs snippet test;
// tst_docsnippets checks that README.md shows each marked region byte for byte.
#include "snippets.h"

//! [swap]
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awsprofilecredentialsprovider.h>

//! [swap]
#include <qtsigv4/awspresignreply.h>

#include <QtCore/qdebug.h>
#include <QtNetwork/qnetworkreply.h>
//! [iot]
#include <qtsigv4/awsiotcredentialsprovider.h>

//! [iot]
//! [sso]
#include <qtsigv4/awsssocredentialsprovider.h>

//! [sso]

using namespace Qt::StringLiterals;

// Not run: the request goes to AWS.
QNetworkReply *SnippetWindow::getPhoto()
{
    //! [swap]
    auto *nam = new AwsNetworkAccessManager(this);           // instead of QNetworkAccessManager
    nam->setDefaultCredentialsProvider(new AwsProfileCredentialsProvider(u"default"_s, nam));
    nam->addRule(AwsSigningRule::forAwsEndpoints());          // sign *.amazonaws.com, service/region from the host
    QNetworkReply *reply = nam->get(QNetworkRequest(QUrl(u"https://my-bucket.s3.eu-west-1.amazonaws.com/photo.jpg"_s)));
    //! [swap]
    return reply;
}

AwsNetworkAccessManager *SnippetWindow::customEndpoint()
{
    auto *nam = new AwsNetworkAccessManager(this);
    //! [custom-endpoint]
    nam->addRule(AwsSigningRule::forBaseUrl(QUrl(u"http://127.0.0.1:9000"_s), u"s3"_s, u"us-east-1"_s));
    //! [custom-endpoint]
    return nam;
}

QNetworkRequest SnippetWindow::oneEndpointSeveralServices(AwsNetworkAccessManager *nam)
{
    //! [multi-service]
    nam->addRule(AwsSigningRule::forBaseUrl(QUrl(u"http://127.0.0.1:4566"_s), QString(), u"us-east-1"_s));
    QNetworkRequest sts(QUrl(u"http://127.0.0.1:4566/"_s));
    sts.setAttribute(AwsNetworkAccessManager::ServiceAttribute, u"sts"_s); // RegionAttribute too
    //! [multi-service]
    return sts;
}

void SnippetWindow::presignObject(AwsNetworkAccessManager *nam, const QUrl &objectUrl)
{
    //! [presign]
    AwsPresignReply *presign = nam->presign(QNetworkRequest(objectUrl), "GET", 600);
    connect(presign, &AwsPresignReply::finished, this, [presign] {
        qDebug() << presign->url() << presign->errorString();
        presign->deleteLater();
    });
    //! [presign]

    //! [direct]
    nam->setDirectRepliesEnabled(true); // Qt's own reply when a request can be signed at once
    //! [direct]

    //! [retries]
    nam->setMaxAttempts(5);                // default 3; 1: no retries
    QNetworkRequest once(objectUrl);
    once.setAttribute(AwsNetworkAccessManager::MaxAttemptsAttribute, 1); // this request: one attempt
    //! [retries]
}

AwsNetworkAccessManager *SnippetWindow::deviceCredentials()
{
    auto *nam = new AwsNetworkAccessManager(this);
    //! [iot]
    auto *iot = new AwsIotCredentialsProvider(nam);
    iot->setEndpoint(u"c1a2b3d4e5f6g7.credentials.iot.eu-west-1.amazonaws.com"_s); // aws iot describe-endpoint --endpoint-type iot:CredentialProvider
    iot->setRoleAlias(u"sensor-role-alias"_s);
    iot->setThingName(u"sensor-0042"_s);
    iot->setCertificateFile(u"/etc/device/certificate.pem.crt"_s);   // or setCertificate(QSslCertificate)
    iot->setPrivateKeyFile(u"/etc/device/private.pem.key"_s);        // or setPrivateKey(QSslKey)
    iot->setCaFile(u"/etc/device/AmazonRootCA1.pem"_s);              // optional: else the system's CAs
    nam->setDefaultCredentialsProvider(iot);
    //! [iot]
    return nam;
}

AwsNetworkAccessManager *SnippetWindow::ssoCredentials()
{
    auto *nam = new AwsNetworkAccessManager(this);
    //! [sso]
    auto *sso = new AwsSsoCredentialsProvider(nam);
    sso->setSessionName(u"corp"_s);              // empty: the legacy form (cache named after the start URL)
    sso->setStartUrl(u"https://d-1234567890.awsapps.com/start"_s);
    sso->setSsoRegion(u"us-east-1"_s);
    sso->setAccountId(u"111122223333"_s);
    sso->setRoleName(u"ReadOnly"_s);
    // optional: setCacheDirectory(), setPortalEndpoint(), setOidcEndpoint(), setTimeout()
    nam->setDefaultCredentialsProvider(sso);
    //! [sso]
    return nam;
}
