// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsredirect_p.h"

#include "core/awscanonical_p.h"

#include <QtCore/qcoreapplication.h>

using QtSigV4Private::defaultPortFor;

bool AwsRedirect::isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool AwsRedirect::sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
            && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
            && a.port(defaultPortFor(a.scheme())) == b.port(defaultPortFor(b.scheme()));
}

AwsRedirect AwsRedirect::refused(QNetworkReply::NetworkError error, const QString &message)
{
    AwsRedirect redirect;
    redirect.m_action = Refuse;
    redirect.m_error = error;
    redirect.m_errorString = message;
    return redirect;
}

static QString tr(const char *text)
{
    return QCoreApplication::translate("AwsNetworkAccessManager", text);
}

AwsRedirect AwsRedirect::decide(const Answer &answer)
{
    if (answer.redirectsSoFar + 1 > answer.maxRedirects) {
        return refused(QNetworkReply::TooManyRedirectsError,
                       tr("too many redirects (more than %1)").arg(answer.maxRedirects));
    }
    const QUrl target = answer.current.resolved(
            QUrl::fromEncoded(answer.location.trimmed(), QUrl::TolerantMode));
    if (!target.isValid() || !QtSigV4Private::isHttpScheme(target.scheme())) {
        return refused(QNetworkReply::ProtocolUnknownError,
                       tr("redirect to an unsupported URL: %1")
                               .arg(QString::fromLatin1(answer.location.trimmed())));
    }
    const bool downgrade = answer.current.scheme().compare(u"https", Qt::CaseInsensitive) == 0
            && target.scheme().compare(u"http", Qt::CaseInsensitive) == 0;
    const bool same = sameOrigin(answer.current, target);
    if (answer.policy == QNetworkRequest::NoLessSafeRedirectPolicy && downgrade) {
        return refused(QNetworkReply::InsecureRedirectError,
                       tr("insecure redirect from https to %1").arg(target.toDisplayString()));
    }
    if (answer.policy == QNetworkRequest::SameOriginRedirectPolicy && !same) {
        return refused(QNetworkReply::InsecureRedirectError,
                       tr("redirect to another origin (%1) refused by the SameOriginRedirectPolicy")
                               .arg(target.toDisplayString()));
    }

    AwsRedirect redirect;
    redirect.m_action = answer.policy == QNetworkRequest::UserVerifiedRedirectPolicy ? AskCaller
                                                                                    : Follow;
    redirect.m_target = target;
    redirect.m_sameOrigin = same;
    const bool isPost = answer.operation == QNetworkAccessManager::PostOperation;
    redirect.m_becomesGet = answer.status == 303
            ? answer.operation != QNetworkAccessManager::HeadOperation
            : ((answer.status == 301 || answer.status == 302) && isPost);
    return redirect;
}
