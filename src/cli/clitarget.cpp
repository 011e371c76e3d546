// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "clitarget.h"

#include "command.h"

#include <qtsigv4/awsconfigfile.h>
#include <qtsigv4/awssigningrule.h>

#include <QtCore/qcommandlineparser.h>

namespace {

// url sent to endpoint: a path is resolved against it, an absolute URL keeps its path and
// query under the endpoint's path.
QUrl sentTo(const QUrl &endpoint, const QUrl &url)
{
    if (url.isRelative())
        return endpoint.resolved(url);
    QUrl redirected = endpoint;
    QString path = endpoint.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    redirected.setPath(path + url.path(QUrl::FullyEncoded), QUrl::TolerantMode);
    redirected.setQuery(url.query(QUrl::FullyEncoded), QUrl::TolerantMode);
    return redirected;
}

bool fail(QString *errorString, const QString &message)
{
    *errorString = message;
    return false;
}

} // namespace

bool CliTarget::resolve(const QString &urlText, const QCommandLineParser &parser,
                        const QString &defaultService, QString *errorString)
{
    const QString profile = parser.isSet(QStringLiteral("profile")) ? parser.value(QStringLiteral("profile"))
                                                                    : QString();
    url = QUrl(urlText);
    awsUrl = url;
    QString inferredService, inferredRegion;
    if (!url.isRelative())
        AwsSigningRule::inferServiceAndRegion(url.host(), &inferredService, &inferredRegion);
    service = parser.value(QStringLiteral("service"));
    if (service.isEmpty())
        service = inferredService.isEmpty() ? defaultService : inferredService;

    QUrl endpoint;
    QString endpointSource;
    if (parser.isSet(QStringLiteral("endpoint-url"))) {
        endpoint = QUrl(parser.value(QStringLiteral("endpoint-url")));
        endpointSource = QStringLiteral("--endpoint-url");
    } else if (!service.isEmpty() && (url.isRelative() || !inferredService.isEmpty())) {
        endpoint = AwsConfigFile::resolveEndpointUrl(service, profile);
        endpointSource = QStringLiteral("the endpoint configured for %1 (%2, AWS_ENDPOINT_URL or the "
                                        "config file)")
                                 .arg(service, AwsConfigFile::endpointEnvironmentVariable(service));
    }
    if (!endpoint.isEmpty()) {
        if (!Command::isHttpUrl(endpoint)) {
            return fail(errorString, QStringLiteral("bad %1 '%2': expected http(s)://host[:port]")
                                             .arg(endpointSource, endpoint.toString()));
        }
        url = sentTo(endpoint, url);
        if (awsUrl.isRelative())
            awsUrl = url;
    }
    if (!Command::isHttpUrl(url)) {
        return fail(errorString, QStringLiteral("bad URL '%1': expected http(s)://host/path, or a path "
                                                "with --endpoint-url or a configured endpoint")
                                         .arg(urlText));
    }
    if (service.isEmpty())
        return fail(errorString, QStringLiteral("cannot tell the AWS service of host '%1': pass --service")
                                         .arg(awsUrl.host()));

    region = parser.value(QStringLiteral("region"));
    if (region.isEmpty())
        region = inferredRegion;
    if (region.isEmpty())
        region = AwsConfigFile::resolveRegion(profile);
    if (region.isEmpty()) {
        return fail(errorString, QStringLiteral("cannot tell the AWS region of host '%1': pass --region, set "
                                                "AWS_REGION or the profile's region")
                                         .arg(awsUrl.host()));
    }
    return true;
}
