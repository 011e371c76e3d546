// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awssigningrule.h>

#include "core/awscanonical_p.h"

#include <qtsigv4/awscredentialsprovider.h>

#include <QtCore/qdebug.h>
#include <QtCore/qpointer.h>
#include <QtCore/qregularexpression.h>

/*!
    \class AwsSigningRule
    \inmodule QtSigV4
    \brief Tells AwsNetworkAccessManager which requests to sign, and how.

    A rule matches requests either by host name pattern (setHostPattern()) or by base URL
    (setBaseUrl()), and names the service and region of the signature, the credentials
    provider to ask, and the signing options (an AwsSigningConfig template: S3 rules,
    \c UNSIGNED-PAYLOAD, presigned URLs, headers to sign or not).

    Host patterns are matched case-insensitively:
    \list
    \li \c{example.com} matches exactly that host, on any port;
    \li \c{localhost:4566} matches only that host and port (\c{[::1]:4566} for IPv6);
    \li \c{*.amazonaws.com} matches every host below \c amazonaws.com (not the name itself);
    \li \c{*} matches every host (use with care: credentials go wherever the app sends).
    \endlist

    A base URL matches requests whose scheme, host and port are equal and whose path starts
    with the base path at a segment boundary.

    When service() or region() is empty the rule infers them from the AWS host name of the
    request (inferServiceAndRegion()): \c{bucket.s3.us-west-2.amazonaws.com} gives \c s3 and
    \c us-west-2, \c{sqs.eu-west-1.amazonaws.com} gives \c sqs and \c eu-west-1,
    \c{sts.amazonaws.com} gives \c sts and \c us-east-1. forAwsEndpoints() is the rule that
    signs every AWS endpoint this way. A host that matches no rule is never signed.

    When requests reach the service through a tunnel or proxy at another address,
    setSignedHost() names the \c Host that is signed and sent.

    \sa AwsNetworkAccessManager
*/

class AwsSigningRulePrivate : public QSharedData
{
public:
    QString hostPattern;
    QUrl baseUrl;
    QString service;
    QString region;
    QPointer<AwsCredentialsProvider> provider;
    AwsSigningConfig config;
    QByteArray signedHost;
};

namespace {

using QtSigV4Private::defaultPortFor;
using QtSigV4Private::isHttpScheme;

// Splits "host", "host:port", "[v6]:port", "host:*" into host and port (-1 = any).
bool splitHostPattern(const QString &pattern, QString *host, int *port)
{
    QString h = pattern.trimmed();
    QString portText;
    if (h.startsWith(u'[')) {
        const qsizetype close = h.indexOf(u']');
        if (close < 0)
            return false;
        portText = h.mid(close + 1);
        h = h.mid(1, close - 1);
        if (!portText.isEmpty()) {
            if (!portText.startsWith(u':'))
                return false;
            portText = portText.mid(1);
        }
    } else if (h.count(u':') == 1) {
        const qsizetype colon = h.indexOf(u':');
        portText = h.mid(colon + 1);
        h = h.left(colon);
    }
    *port = -1;
    if (!portText.isEmpty() && portText != u"*") {
        bool ok = false;
        *port = portText.toInt(&ok);
        if (!ok || *port < 0 || *port > 65535)
            return false;
    }
    *host = h.toLower();
    return !h.isEmpty();
}

bool isRegionLike(const QString &label)
{
    static const QRegularExpression re(QStringLiteral("^[a-z]{2}(-[a-z]+)+-\\d+$"));
    return re.match(label).hasMatch();
}

QString signingNameFor(const QString &endpointPrefix, const QStringList &labels, qsizetype index)
{
    QString name = endpointPrefix;
    if (name.endsWith(u"-fips"))
        name.chop(5);
    const QString before = index > 0 ? labels.at(index - 1) : QString();
    if (name == u"email")
        return QStringLiteral("ses");
    if (name == u"iot" && before.startsWith(u"data"))
        return QStringLiteral("iotdata");
    if (name == u"lambda-url")
        return QStringLiteral("lambda");
    if (name == u"queue")
        return QStringLiteral("sqs");
    return name;
}

// S3 host names: s3, s3-REGION (legacy), s3-external-1, s3-fips, s3-accelerate,
// s3-control, s3-object-lambda, optionally followed by "dualstack" and a region.
bool inferS3(const QStringList &labels, bool china, QString *service, QString *region)
{
    for (qsizetype i = labels.size() - 1; i >= 0; --i) {
        const QString &l = labels.at(i);
        if (l != u"s3" && !l.startsWith(u"s3-"))
            continue;
        QStringList tail = labels.mid(i + 1);
        if (!tail.isEmpty() && tail.first() == u"dualstack")
            tail.removeFirst();
        if (tail.size() > 1 || (tail.size() == 1 && !isRegionLike(tail.first())))
            continue;
        QString svc = QStringLiteral("s3");
        QString reg = tail.isEmpty() ? QString() : tail.first();
        if (l != u"s3") {
            const QString rest = l.mid(3);
            if (rest == u"external-1") {
                reg = QStringLiteral("us-east-1");
            } else if (rest == u"object-lambda") {
                svc = QStringLiteral("s3-object-lambda");
            } else if (rest == u"accelerate") {
                // The region is the bucket's, which the host does not tell.
                *service = svc;
                return false;
            } else if (rest == u"fips" || rest == u"control") {
                // region from the tail
            } else if (isRegionLike(rest) && tail.isEmpty()) {
                reg = rest;
            } else {
                continue;
            }
        }
        if (reg.isEmpty())
            reg = china ? QStringLiteral("cn-north-1") : QStringLiteral("us-east-1");
        *service = svc;
        *region = reg;
        return true;
    }
    return false;
}

} // namespace

/*!
    Constructs a null rule, which matches nothing.
*/
AwsSigningRule::AwsSigningRule() : d(new AwsSigningRulePrivate) { }

/*!
    Constructs a rule for hosts matching \a hostPattern, signing for \a service in \a region
    with credentials from \a provider (when null, the manager's default provider is used).
    An empty \a service or \a region is inferred from the AWS host name of each request.
*/
AwsSigningRule::AwsSigningRule(const QString &hostPattern, const QString &service,
                               const QString &region, AwsCredentialsProvider *provider)
    : d(new AwsSigningRulePrivate)
{
    d->hostPattern = hostPattern;
    d->service = service;
    d->region = region;
    d->provider = provider;
}

AwsSigningRule::AwsSigningRule(const AwsSigningRule &other) = default;
AwsSigningRule::AwsSigningRule(AwsSigningRule &&other) noexcept = default;
AwsSigningRule &AwsSigningRule::operator=(const AwsSigningRule &other) = default;
AwsSigningRule &AwsSigningRule::operator=(AwsSigningRule &&other) noexcept = default;
AwsSigningRule::~AwsSigningRule() = default;

/*!
    Returns a rule for the hosts matching \a hostPattern. See the class description for the
    pattern syntax and for \a service, \a region and \a provider.
*/
AwsSigningRule AwsSigningRule::forHost(const QString &hostPattern, const QString &service,
                                       const QString &region, AwsCredentialsProvider *provider)
{
    return AwsSigningRule(hostPattern, service, region, provider);
}

/*!
    Returns a rule for the requests below \a baseUrl (same scheme, host and port, path
    starting with the base path), signing for \a service in \a region with credentials from
    \a provider. This is the rule for a local or custom endpoint such as
    \c{http://127.0.0.1:5000}.
*/
AwsSigningRule AwsSigningRule::forBaseUrl(const QUrl &baseUrl, const QString &service,
                                          const QString &region, AwsCredentialsProvider *provider)
{
    AwsSigningRule rule(QString(), service, region, provider);
    rule.d->baseUrl = baseUrl;
    return rule;
}

/*!
    Returns a rule that signs every request to an AWS endpoint (\c{*.amazonaws.com},
    \c{*.amazonaws.com.cn}, \c{*.api.aws}) with the service and region inferred from the
    host name, using credentials from \a provider.

    Only the first pattern is kept in hostPattern(); the rule matches all three.
*/
AwsSigningRule AwsSigningRule::forAwsEndpoints(AwsCredentialsProvider *provider)
{
    return AwsSigningRule(QStringLiteral("*.amazonaws.com *.amazonaws.com.cn *.api.aws"),
                          QString(), QString(), provider);
}

/*! Returns \c true when the rule has neither a host pattern nor a base URL. */
bool AwsSigningRule::isNull() const
{
    return d->hostPattern.isEmpty() && !d->baseUrl.isValid();
}

/*!
    The host pattern. Several patterns may be given separated by spaces.
*/
QString AwsSigningRule::hostPattern() const { return d->hostPattern; }
void AwsSigningRule::setHostPattern(const QString &pattern) { d->hostPattern = pattern; }

/*! The base URL; when valid, it is used instead of the host pattern. */
QUrl AwsSigningRule::baseUrl() const { return d->baseUrl; }
void AwsSigningRule::setBaseUrl(const QUrl &baseUrl) { d->baseUrl = baseUrl; }

/*! The service name used in the credential scope (\c s3, \c sqs, ...); empty = infer. */
QString AwsSigningRule::service() const { return d->service; }
void AwsSigningRule::setService(const QString &service) { d->service = service; }

/*! The region used in the credential scope; empty = infer from the host name. */
QString AwsSigningRule::region() const { return d->region; }
void AwsSigningRule::setRegion(const QString &region) { d->region = region; }

/*!
    The provider asked for credentials before each signing. The rule does not own it; when it
    is null (or has been destroyed) the manager's default provider is used.
*/
AwsCredentialsProvider *AwsSigningRule::credentialsProvider() const { return d->provider.data(); }
void AwsSigningRule::setCredentialsProvider(AwsCredentialsProvider *provider) { d->provider = provider; }

/*!
    The signing options, with service() and region() filled in. The service and region of
    the configuration passed to setSigningConfig() are ignored; the rule's own are used.
*/
AwsSigningConfig AwsSigningRule::signingConfig() const
{
    AwsSigningConfig config = d->config;
    config.setService(d->service);
    config.setRegion(d->region);
    return config;
}

void AwsSigningRule::setSigningConfig(const AwsSigningConfig &config) { d->config = config; }

/*! Signs with \c UNSIGNED-PAYLOAD instead of hashing the body when \a unsignedPayload is true. */
void AwsSigningRule::setUnsignedPayload(bool unsignedPayload)
{
    d->config.setUnsignedPayload(unsignedPayload);
}

/*! Sets the S3 \a rules on or off (by default they apply to the \c s3 service). */
void AwsSigningRule::setS3Rules(AwsSigningConfig::S3Rules rules) { d->config.setS3Rules(rules); }

/*!
    When \a presign is true the signature goes into the query string (a presigned URL valid for
    \a expiresInSeconds) instead of the \c Authorization header.
*/
void AwsSigningRule::setPresign(bool presign, qint64 expiresInSeconds)
{
    d->config.setSignatureLocation(presign ? AwsSigningConfig::SignatureLocation::QueryString
                                           : AwsSigningConfig::SignatureLocation::Headers);
    d->config.setExpiresInSeconds(expiresInSeconds);
}

/*!
    The \c Host value (\c{host[:port]}) that is signed and sent instead of the host of the
    URL, for connections that go through a tunnel or proxy to another address. Empty (the
    default) signs the URL's host, with the port when it is not the scheme's default.

    Over HTTPS such requests use HTTP/1.1, since HTTP/2 would replace the \c Host field by
    an \c :authority taken from the URL.
*/
QByteArray AwsSigningRule::signedHost() const { return d->signedHost; }
void AwsSigningRule::setSignedHost(const QByteArray &hostAndPort) { d->signedHost = hostAndPort; }

/*!
    Returns how specifically this rule matches \a url, or -1 when it does not match.
    A base URL beats an exact host with port, which beats an exact host, which beats a
    wildcard pattern; longer base paths and longer wildcard suffixes win.
*/
int AwsSigningRule::matchScore(const QUrl &url) const
{
    if (!url.isValid() || !isHttpScheme(url.scheme()))
        return -1;
    const QString host = url.host(QUrl::FullyEncoded).toLower();
    const int port = url.port(defaultPortFor(url.scheme()));

    if (d->baseUrl.isValid()) {
        const QUrl &base = d->baseUrl;
        if (base.scheme().compare(url.scheme(), Qt::CaseInsensitive) != 0
            || base.host(QUrl::FullyEncoded).toLower() != host
            || base.port(defaultPortFor(base.scheme())) != port)
            return -1;
        QString basePath = base.path(QUrl::FullyEncoded);
        while (basePath.endsWith(u'/'))
            basePath.chop(1);
        const QString path = url.path(QUrl::FullyEncoded);
        if (!basePath.isEmpty()) {
            if (!path.startsWith(basePath))
                return -1;
            if (path.size() > basePath.size() && path.at(basePath.size()) != u'/')
                return -1;
        }
        return 3000 + int(basePath.size());
    }

    int best = -1;
    const QStringList patterns = d->hostPattern.split(u' ', Qt::SkipEmptyParts);
    for (const QString &pattern : patterns) {
        QString patternHost;
        int patternPort = -1;
        if (!splitHostPattern(pattern, &patternHost, &patternPort))
            continue;
        if (patternPort >= 0 && patternPort != port)
            continue;
        int score = -1;
        if (patternHost == u"*") {
            score = 1;
        } else if (patternHost.startsWith(u"*.")) {
            const QString suffix = patternHost.mid(1); // ".example.com"
            if (host.endsWith(suffix) && host.size() > suffix.size())
                score = 1000 + int(suffix.size());
        } else if (patternHost == host) {
            score = 1500;
        }
        if (score >= 0 && patternPort >= 0)
            score += 500;
        best = qMax(best, score);
    }
    return best;
}

/*!
    Returns a copy of this rule with an empty service() or region() filled in from the AWS
    host name of \a url (or of signedHost() when set). Returns a null rule, and sets
    \a errorString, when they cannot be inferred.
*/
AwsSigningRule AwsSigningRule::resolvedFor(const QUrl &url, QString *errorString) const
{
    AwsSigningRule rule(*this);
    if (!d->service.isEmpty() && !d->region.isEmpty())
        return rule;
    QString host = url.host();
    if (!d->signedHost.isEmpty()) {
        QString ignoredPortHost;
        int ignoredPort = -1;
        if (splitHostPattern(QString::fromLatin1(d->signedHost), &ignoredPortHost, &ignoredPort))
            host = ignoredPortHost;
    }
    QString service, region;
    inferServiceAndRegion(host, &service, &region);
    if (rule.d->service.isEmpty())
        rule.d->service = service;
    if (rule.d->region.isEmpty())
        rule.d->region = region;
    if (rule.d->service.isEmpty() || rule.d->region.isEmpty()) {
        if (errorString) {
            *errorString = QStringLiteral(
                    "cannot tell the AWS %1 of host \"%2\" from its name: set the service and "
                    "region on the signing rule")
                    .arg(rule.d->service.isEmpty() ? QStringLiteral("service")
                                                   : QStringLiteral("region"),
                         host);
        }
        return AwsSigningRule();
    }
    return rule;
}

/*!
    Infers the signing name of the service and the region from an AWS endpoint \a host, such
    as \c{s3.us-west-2.amazonaws.com}, \c{bucket.s3.amazonaws.com},
    \c{sqs.eu-west-1.amazonaws.com}, \c{dynamodb.us-east-1.amazonaws.com},
    \c{sts.amazonaws.com} (global endpoints are in \c us-east-1, or \c cn-north-1 in China),
    \c{email.eu-west-1.amazonaws.com} (\c ses),
    \c{abc123.execute-api.us-east-1.amazonaws.com} or \c{search-d.us-east-1.es.amazonaws.com}.

    Sets what it could find and returns \c true when both \a service and \a region were found.
    Returns \c false for hosts outside \c{amazonaws.com}, \c{amazonaws.com.cn}, \c{api.aws}
    and \c{on.aws}.
*/
bool AwsSigningRule::inferServiceAndRegion(const QString &host, QString *service, QString *region)
{
    QString ignoredService, ignoredRegion;
    if (!service)
        service = &ignoredService;
    if (!region)
        region = &ignoredRegion;

    QString h = host.toLower();
    while (h.endsWith(u'.'))
        h.chop(1);
    static const QString suffixes[] = {
        QStringLiteral(".amazonaws.com.cn"), QStringLiteral(".amazonaws.com"),
        QStringLiteral(".api.aws"), QStringLiteral(".on.aws")
    };
    QString prefix;
    bool china = false;
    bool found = false;
    for (const QString &suffix : suffixes) {
        if (h.endsWith(suffix) && h.size() > suffix.size()) {
            prefix = h.left(h.size() - suffix.size());
            china = suffix == u".amazonaws.com.cn";
            found = true;
            break;
        }
    }
    if (!found)
        return false;

    const QStringList labels = prefix.split(u'.');
    if (inferS3(labels, china, service, region))
        return true;
    if (!service->isEmpty())
        return false; // an S3 host without a region (transfer acceleration)

    const qsizetype n = labels.size();
    const QString globalRegion = china ? QStringLiteral("cn-north-1") : QStringLiteral("us-east-1");
    // OpenSearch: DOMAIN.REGION.es.amazonaws.com
    if (n >= 2 && labels.at(n - 1) == u"es" && isRegionLike(labels.at(n - 2))) {
        *service = QStringLiteral("es");
        *region = labels.at(n - 2);
        return true;
    }
    // Legacy SQS: REGION.queue.amazonaws.com, queue.amazonaws.com
    if (labels.at(n - 1) == u"queue") {
        *service = QStringLiteral("sqs");
        *region = (n >= 2 && isRegionLike(labels.at(n - 2))) ? labels.at(n - 2) : globalRegion;
        return true;
    }
    if (isRegionLike(labels.at(n - 1))) {
        if (n < 2)
            return false;
        *service = signingNameFor(labels.at(n - 2), labels, n - 2);
        *region = labels.at(n - 1);
        return true;
    }
    // A global endpoint: SERVICE.amazonaws.com
    *service = signingNameFor(labels.at(n - 1), labels, n - 1);
    *region = globalRegion;
    return true;
}

/*!
    \relates AwsSigningRule
    Writes the matching part, service, region and signed host of \a rule to \a debug.
*/
QDebug operator<<(QDebug debug, const AwsSigningRule &rule)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "AwsSigningRule(";
    if (rule.baseUrl().isValid())
        debug << "baseUrl=" << rule.baseUrl().toString();
    else
        debug << "host=" << rule.hostPattern();
    debug << ", service=" << rule.service() << ", region=" << rule.region();
    if (!rule.signedHost().isEmpty())
        debug << ", signedHost=" << rule.signedHost();
    debug << ')';
    return debug;
}
