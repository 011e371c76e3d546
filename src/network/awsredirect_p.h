// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSREDIRECT_P_H
#define AWSREDIRECT_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include "core/qtsigv4global_p.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qstring.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qnetworkaccessmanager.h>
#include <QtNetwork/qnetworkreply.h>
#include <QtNetwork/qnetworkrequest.h>

// What to do with a 3xx answer to a signed request: a pure decision (no I/O), so that every
// rule (policies, downgrades, method changes, origins) is checked by data rows.
class QTSIGV4_AUTOTEST_EXPORT AwsRedirect
{
public:
    enum Action {
        Follow,    // send the request to target() now
        AskCaller, // emit redirected(); follow after redirectAllowed() (UserVerifiedRedirectPolicy)
        Refuse     // fail with error() and errorString()
    };

    struct Answer
    {
        QUrl current;                 // the URL that was answered
        int status = 0;               // 301, 302, 303, 307 or 308
        QByteArray location;          // the Location header, as received
        QNetworkAccessManager::Operation operation = QNetworkAccessManager::GetOperation;
        QNetworkRequest::RedirectPolicy policy = QNetworkRequest::NoLessSafeRedirectPolicy;
        int redirectsSoFar = 0;       // before this one
        int maxRedirects = 50;
    };

    static bool isRedirectStatus(int status);
    static bool sameOrigin(const QUrl &a, const QUrl &b);
    static AwsRedirect decide(const Answer &answer);

    Action action() const { return m_action; }
    QUrl target() const { return m_target; }
    // Same scheme, host and port: signed again. Otherwise sent without credentials.
    bool isSameOrigin() const { return m_sameOrigin; }
    // 303 (but HEAD), and 301/302 of a POST, continue as a GET without the body.
    bool becomesGet() const { return m_becomesGet; }
    QNetworkReply::NetworkError error() const { return m_error; }
    QString errorString() const { return m_errorString; }

private:
    static AwsRedirect refused(QNetworkReply::NetworkError error, const QString &message);

    Action m_action = Refuse;
    QUrl m_target;
    bool m_sameOrigin = false;
    bool m_becomesGet = false;
    QNetworkReply::NetworkError m_error = QNetworkReply::NoError;
    QString m_errorString;
};

#endif // AWSREDIRECT_P_H
