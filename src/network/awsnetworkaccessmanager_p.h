// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSNETWORKACCESSMANAGER_P_H
#define AWSNETWORKACCESSMANAGER_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include <qtsigv4/awscredentialsprovider.h>
#include <qtsigv4/awshttprequest.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awssigningkey.h>
#include <qtsigv4/awssigningrule.h>
#include "network/awsretrypolicy_p.h"

#include <QtCore/qhash.h>
#include <QtCore/qlist.h>
#include <QtCore/qpointer.h>

class AwsNetworkAccessManagerPrivate
{
public:
    explicit AwsNetworkAccessManagerPrivate(AwsNetworkAccessManager *manager) : q(manager) { }

    static AwsNetworkAccessManagerPrivate *get(AwsNetworkAccessManager *manager)
    {
        return manager ? manager->d_func() : nullptr;
    }

    // The real request, through QNetworkAccessManager. Unlike the reply createRequest()
    // returns (which get(), put() & co. connect to the manager's finished(), encrypted() and
    // sslErrors() signals), it stays unknown to the manager's signals: the proxy reports for it.
    QNetworkReply *createTransportReply(QNetworkAccessManager::Operation op,
                                        const QNetworkRequest &request, QIODevice *outgoingData);
    // A direct reply (setDirectRepliesEnabled()): Qt's own reply, signed here; null when the
    // request needs the proxy reply (see the class documentation).
    QNetworkReply *directReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request,
                               QIODevice *outgoingData, const AwsSigningRule &rule);
    // Signs http now (the local clock plus clockOffset; signedAt is the local clock), with the
    // cached signing key of credentials; the signer's clear error for invalid credentials.
    AwsSigningResult sign(const AwsHttpRequest &http, const AwsSigningConfig &config,
                          const AwsCredentials &credentials, QDateTime *signedAt);
    // The signing key of credentials for date, region and service, derived once and reused by
    // every request signed with the same credentials on the same day.
    AwsSigningKey signingKeyFor(const AwsCredentials &credentials, QDate date,
                                const QString &region, const QString &service);

    AwsNetworkAccessManager *const q;
    QList<AwsSigningRule> rules;
    QPointer<AwsCredentialsProvider> defaultProvider;
    qint64 clockOffset = 0;
    bool skewCorrection = true;
    bool directReplies = false;
    qint64 memoryLimit = 8 * 1024 * 1024;
    qint64 asyncThreshold = 4 * 1024 * 1024;
    int bodyReadTimeout = 30000;
    int credentialsTimeout = 30000;
    int maxAttempts = AwsRetryPolicy::DefaultMaxAttempts;
    int retryBaseDelay = AwsRetryPolicy::DefaultBaseDelayMs;
    // Derived keys by (region, service): deriving one per request was a fifth of the cost
    // of a small signed GET. Entries are replaced when the credentials or the date change.
    QHash<std::pair<QString, QString>, AwsSigningKey> signingKeys;
};

#endif // AWSNETWORKACCESSMANAGER_P_H
