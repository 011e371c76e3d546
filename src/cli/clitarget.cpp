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

QString profileOf(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("profile")) ? parser.value(QStringLiteral("profile")) : QString();
}

} // namespace

bool CliTarget::endpointFrom(const QCommandLineParser &parser, bool configured, QUrl *endpoint,
                             QString *source, QString *errorString) const
{
    if (parser.isSet(QStringLiteral("endpoint-url"))) {
        *endpoint = QUrl(parser.value(QStringLiteral("endpoint-url")));
        *source = QStringLiteral("--endpoint-url");
    } else if (configured) {
        *endpoint = AwsConfigFile::resolveEndpointUrl(service, profileOf(parser));
        *source = QStringLiteral("the endpoint configured for %1 (%2, AWS_ENDPOINT_URL or the "
                                 "config file)")
                          .arg(service, AwsConfigFile::endpointEnvironmentVariable(service));
    }
    if (!endpoint->isEmpty() && !Command::isHttpUrl(*endpoint)) {
        return fail(errorString, QStringLiteral("bad %1 '%2': expected http(s)://host[:port]")
                                         .arg(*source, endpoint->toString()));
    }
    return true;
}

bool CliTarget::resolveService(const QCommandLineParser &parser, const QString &serviceName,
                               QString *errorString)
{
    service = serviceName;
    QString source;
    if (!endpointFrom(parser, true, &url, &source, errorString))
        return false;
    awsUrl = url;
    region = parser.value(QStringLiteral("region"));
    if (region.isEmpty())
        region = AwsConfigFile::resolveRegion(profileOf(parser));
    return true;
}

bool CliTarget::resolve(const QString &urlText, const QCommandLineParser &parser,
                        const QString &defaultService, QString *errorString)
{
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
    const bool configured = !service.isEmpty() && (url.isRelative() || !inferredService.isEmpty());
    if (!endpointFrom(parser, configured, &endpoint, &endpointSource, errorString))
        return false;
    if (!endpoint.isEmpty()) {
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
        region = AwsConfigFile::resolveRegion(profileOf(parser));
    if (region.isEmpty()) {
        return fail(errorString, QStringLiteral("cannot tell the AWS region of host '%1': pass --region, set "
                                                "AWS_REGION or the profile's region")
                                         .arg(awsUrl.host()));
    }
    return true;
}
