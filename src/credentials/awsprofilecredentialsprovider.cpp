// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awsprofilecredentialsprovider.h>

#include <qtsigv4/awsconfigfile.h>
#include <qtsigv4/awscontainercredentialsprovider.h>
#include <qtsigv4/awsenvironmentcredentialsprovider.h>
#include <qtsigv4/awsinstancemetadatacredentialsprovider.h>
#include <qtsigv4/awsprocesscredentialsprovider.h>
#include <qtsigv4/awsssocredentialsprovider.h>
#include <qtsigv4/awsstsclient.h>
#include <qtsigv4/qtsigv4config.h> // the providers this build holds
#include <qtsigv4/awswebidentitycredentialsprovider.h>

#include "credentials/awscredentialsutil_p.h"
#include "core/qtsigv4logging_p.h"

#include <QtCore/qpointer.h>
#include <QtNetwork/qnetworkaccessmanager.h>

using namespace QtSigV4Private;

/*!
    \class AwsProfileCredentialsProvider
    \inmodule QtSigV4
    \brief Provides the credentials of a profile of the shared config and credentials files.

    The files are read at every refresh (\c AWS_CONFIG_FILE, \c AWS_SHARED_CREDENTIALS_FILE,
    default \c{~/.aws/config} and \c{~/.aws/credentials}); the credentials file's values win
    over the config file's. A profile gets its credentials, in the AWS CLI's order, from:

    \list 1
    \li \c role_arn: STS \c AssumeRole, signed with AwsSigner, with \c role_session_name,
        \c external_id and \c duration_seconds, using the credentials of
        \list
        \li \c source_profile, resolved the same way (so role chains work; a profile that names
            itself uses its own static keys; a cycle is an error), or
        \li \c credential_source: \c Environment, \c Ec2InstanceMetadata or \c EcsContainer;
        \endlist
        or, with \c web_identity_token_file, STS \c AssumeRoleWithWebIdentity;
    \li IAM Identity Center (SSO): \c sso_account_id and \c sso_role_name with either
        \c sso_session naming a \c{[sso-session NAME]} section (\c sso_start_url,
        \c sso_region) or, in the legacy form, \c sso_start_url and \c sso_region in the
        profile itself (see AwsSsoCredentialsProvider; a value in both the profile and the
        session must agree);
    \li \c aws_access_key_id / \c aws_secret_access_key (and \c aws_session_token);
    \li \c credential_process (see AwsProcessCredentialsProvider).
    \endlist

    The STS calls go to the profile's region and endpoint (AwsConfigFile::resolveRegion() and
    AwsConfigFile::resolveEndpointUrl("sts"), so \c AWS_ENDPOINT_URL_STS or the profile's
    \c endpoint_url point them at a local server); the SSO calls follow the services \c sso and
    \c sso_oidc the same way. \c mfa_serial (needs an interactive code) is reported as an
    unsupported configuration, and so is a profile with \c sso_session or \c sso_start_url
    but no \c sso_account_id and \c sso_role_name (it gives an SSO token, not credentials). A missing profile is
    NotConfiguredError; a malformed file or an inconsistent profile is
    InvalidConfigurationError, with the file, line or key in the message.
*/

namespace {

struct Plan
{
    enum BaseKind { StaticKeys, Process, WebIdentity, EnvironmentSource, Ec2Source, EcsSource, Sso };
    BaseKind base = StaticKeys;
    QString baseProfile;                 // the profile that supplies the base credentials
    AwsCredentials staticCredentials;
    QString processCommand;
    QString webRoleArn;
    QString webTokenFile;
    QString webSessionName;
    int webDurationSeconds = 0;
    AwsConfigFile::Properties sso;       // sso_start_url, sso_region, sso_account_id, ...
    QList<AwsStsClient::AssumeRoleParameters> roles; // applied in order to the base credentials
};

using Error = AwsCredentialsProvider::Error;

struct Resolver
{
    AwsConfigFile config;
    AwsConfigFile credentials;
    Error error = AwsCredentialsProvider::NoError;
    QString errorString;

    bool fail(Error e, const QString &message)
    {
        error = e;
        errorString = message;
        return false;
    }

    // A profile that needs a provider this build left out (qtsigv4config.h).
    bool unavailable(const QString &profile, const QString &what, const char *option)
    {
        return fail(AwsCredentialsProvider::InvalidConfigurationError,
                    QStringLiteral("profile %1: %2 is not available in this build (qtsigv4 was built with %3=OFF)")
                            .arg(profile, what, QLatin1StringView(option)));
    }

    bool staticKeys(const QString &profile, const AwsConfigFile::Properties &props, Plan *plan)
    {
        const QString keyId = props.value(QStringLiteral("aws_access_key_id")).trimmed();
        const QString secret = props.value(QStringLiteral("aws_secret_access_key")).trimmed();
        if (keyId.isEmpty() || secret.isEmpty()) {
            return fail(AwsCredentialsProvider::InvalidConfigurationError,
                        QStringLiteral("profile %1 has %2 but no %3")
                                .arg(profile,
                                     keyId.isEmpty() ? QStringLiteral("aws_secret_access_key")
                                                     : QStringLiteral("aws_access_key_id"),
                                     keyId.isEmpty() ? QStringLiteral("aws_access_key_id")
                                                     : QStringLiteral("aws_secret_access_key")));
        }
        plan->base = Plan::StaticKeys;
        plan->baseProfile = profile;
        plan->staticCredentials = AwsCredentials(
                keyId, secret, props.value(QStringLiteral("aws_session_token")).trimmed());
        // A continuation line puts a line break into a value: it must never reach a header.
        if (const QString problem = credentialsProblem(
                    plan->staticCredentials, QStringLiteral("aws_access_key_id"),
                    QStringLiteral("aws_secret_access_key"), QStringLiteral("aws_session_token"));
            !problem.isEmpty()) {
            return fail(AwsCredentialsProvider::InvalidConfigurationError,
                        QStringLiteral("profile %1: %2").arg(profile, problem));
        }
        return true;
    }

    // As botocore: the account or the role makes a profile an SSO credentials source; a profile
    // with only sso_session or sso_start_url gives an SSO token (for other tools), not credentials.
    static bool usesSso(const AwsConfigFile::Properties &props)
    {
        for (const char *key : { "sso_account_id", "sso_role_name" }) {
            if (!props.value(QLatin1String(key)).trimmed().isEmpty())
                return true;
        }
        return false;
    }

    // As botocore's SSOProvider: the [sso-session] section's values join the profile's, and a
    // value given in both must agree.
    bool sso(const QString &profile, AwsConfigFile::Properties props, Plan *plan)
    {
        const QString session = props.value(QStringLiteral("sso_session")).trimmed();
        const QString sessionSection = QStringLiteral("sso-session");
        if (!session.isEmpty()) {
            if (!config.sectionNames(sessionSection).contains(session)) {
                return fail(AwsCredentialsProvider::InvalidConfigurationError,
                            QStringLiteral("profile %1: sso_session %2 has no [sso-session %2] "
                                           "section in %3")
                                    .arg(profile, session, config.fileName()));
            }
            const AwsConfigFile::Properties values = config.section(sessionSection, session);
            for (auto it = values.cbegin(); it != values.cend(); ++it) {
                const QString mine = props.value(it.key()).trimmed();
                if (!mine.isEmpty() && mine != it.value().trimmed()) {
                    return fail(AwsCredentialsProvider::InvalidConfigurationError,
                                QStringLiteral("profile %1: %2 is \"%3\" but [sso-session %4] "
                                               "has \"%5\"")
                                        .arg(profile, it.key(), mine, session, it.value().trimmed()));
                }
                props.insert(it.key(), it.value().trimmed());
            }
        }
        QStringList missing;
        for (const char *key : { "sso_start_url", "sso_region", "sso_account_id", "sso_role_name" }) {
            if (props.value(QLatin1String(key)).trimmed().isEmpty())
                missing.append(QLatin1String(key));
        }
        if (!missing.isEmpty()) {
            return fail(AwsCredentialsProvider::InvalidConfigurationError,
                        QStringLiteral("profile %1 uses IAM Identity Center (SSO) but has no %2%3")
                                .arg(profile, missing.join(QStringLiteral(", ")),
                                     session.isEmpty() ? QString()
                                                       : QStringLiteral(" (in the profile or in "
                                                                        "[sso-session %1])")
                                                                 .arg(session)));
        }
        plan->base = Plan::Sso;
        plan->baseProfile = profile;
        plan->sso = props;
        return true;
    }

    static bool hasStaticKeys(const AwsConfigFile::Properties &props)
    {
        return !props.value(QStringLiteral("aws_access_key_id")).trimmed().isEmpty()
                || !props.value(QStringLiteral("aws_secret_access_key")).trimmed().isEmpty();
    }

    bool resolve(const QString &profile, Plan *plan, QStringList visited)
    {
        bool found = false;
        const AwsConfigFile::Properties props =
                AwsConfigFile::mergedProfile(config, credentials, profile, &found);
        if (!found) {
            return fail(visited.isEmpty() ? AwsCredentialsProvider::NotConfiguredError
                                          : AwsCredentialsProvider::InvalidConfigurationError,
                        QStringLiteral("profile %1 is not in %2 nor in %3%4")
                                .arg(profile, config.fileName(), credentials.fileName(),
                                     visited.isEmpty()
                                             ? QString()
                                             : QStringLiteral(" (source_profile of %1)")
                                                       .arg(visited.last())));
        }
        visited.append(profile);

        const QString roleArn = props.value(QStringLiteral("role_arn")).trimmed();
        const QString webTokenFile = props.value(QStringLiteral("web_identity_token_file")).trimmed();
        if (!roleArn.isEmpty()) {
            const QString sourceProfile = props.value(QStringLiteral("source_profile")).trimmed();
            const QString credentialSource =
                    props.value(QStringLiteral("credential_source")).trimmed();
            if (!sourceProfile.isEmpty() && !credentialSource.isEmpty()) {
                return fail(AwsCredentialsProvider::InvalidConfigurationError,
                            QStringLiteral("profile %1 has both source_profile and "
                                           "credential_source; use one")
                                    .arg(profile));
            }
            if (!props.value(QStringLiteral("mfa_serial")).trimmed().isEmpty()) {
                return fail(AwsCredentialsProvider::InvalidConfigurationError,
                            QStringLiteral("profile %1 has mfa_serial: an MFA token code cannot "
                                           "be asked for here (not supported)")
                                    .arg(profile));
            }
            AwsStsClient::AssumeRoleParameters role;
            role.roleArn = roleArn;
            role.roleSessionName = props.value(QStringLiteral("role_session_name")).trimmed();
            role.externalId = props.value(QStringLiteral("external_id")).trimmed();
            const QString duration = props.value(QStringLiteral("duration_seconds")).trimmed();
            if (!duration.isEmpty()) {
                bool ok = false;
                role.durationSeconds = duration.toInt(&ok);
                if (!ok || role.durationSeconds < 900 || role.durationSeconds > 43200) {
                    return fail(AwsCredentialsProvider::InvalidConfigurationError,
                                QStringLiteral("profile %1: duration_seconds \"%2\" is not a "
                                               "number of seconds from 900 to 43200")
                                        .arg(profile, duration));
                }
            }

            if (!sourceProfile.isEmpty()) {
                if (sourceProfile == profile) {
                    if (!hasStaticKeys(props)) {
                        return fail(AwsCredentialsProvider::InvalidConfigurationError,
                                    QStringLiteral("profile %1 is its own source_profile but has "
                                                   "no aws_access_key_id / aws_secret_access_key")
                                            .arg(profile));
                    }
                    if (!staticKeys(profile, props, plan))
                        return false;
                } else if (visited.contains(sourceProfile)) {
                    return fail(AwsCredentialsProvider::InvalidConfigurationError,
                                QStringLiteral("source_profile cycle: %1 -> %2")
                                        .arg(visited.join(QStringLiteral(" -> ")), sourceProfile));
                } else if (!resolve(sourceProfile, plan, visited)) {
                    return false;
                }
            } else if (!credentialSource.isEmpty()) {
                if (credentialSource == u"Environment") {
                    plan->base = Plan::EnvironmentSource;
                } else if (credentialSource == u"Ec2InstanceMetadata" || credentialSource == u"EcsContainer") {
                    if (!QTSIGV4_HAS_METADATA_PROVIDERS)
                        return unavailable(profile, QStringLiteral("credential_source ") + credentialSource,
                                           "QTSIGV4_WITH_METADATA_PROVIDERS");
                    plan->base = credentialSource == u"EcsContainer" ? Plan::EcsSource : Plan::Ec2Source;
                } else {
                    return fail(AwsCredentialsProvider::InvalidConfigurationError,
                                QStringLiteral("profile %1: credential_source \"%2\" is not one of "
                                               "Environment, Ec2InstanceMetadata, EcsContainer")
                                        .arg(profile, credentialSource));
                }
                plan->baseProfile = profile;
            } else if (!webTokenFile.isEmpty()) {
                plan->base = Plan::WebIdentity;
                plan->baseProfile = profile;
                plan->webRoleArn = roleArn;
                plan->webTokenFile = AwsConfigFile::expandHome(webTokenFile);
                plan->webSessionName = role.roleSessionName;
                plan->webDurationSeconds = role.durationSeconds;
                return true; // the web identity call itself assumes the role
            } else {
                return fail(AwsCredentialsProvider::InvalidConfigurationError,
                            QStringLiteral("profile %1 has role_arn but neither source_profile, "
                                           "credential_source nor web_identity_token_file")
                                    .arg(profile));
            }
            plan->roles.append(role);
            return true;
        }

        if (!webTokenFile.isEmpty()) {
            return fail(AwsCredentialsProvider::InvalidConfigurationError,
                        QStringLiteral("profile %1 has web_identity_token_file but no role_arn")
                                .arg(profile));
        }
        // botocore's order: SSO before static keys.
        if (usesSso(props))
            return sso(profile, props, plan);
        if (hasStaticKeys(props))
            return staticKeys(profile, props, plan);
        const QString process = props.value(QStringLiteral("credential_process")).trimmed();
        if (!process.isEmpty()) {
            if (!QTSIGV4_HAS_PROCESS_PROVIDER)
                return unavailable(profile, QStringLiteral("credential_process"), "QTSIGV4_WITH_PROCESS_PROVIDER");
            plan->base = Plan::Process;
            plan->baseProfile = profile;
            plan->processCommand = process;
            return true;
        }
        const bool ssoTokenOnly = !props.value(QStringLiteral("sso_session")).trimmed().isEmpty()
                || !props.value(QStringLiteral("sso_start_url")).trimmed().isEmpty();
        return fail(visited.size() == 1 ? AwsCredentialsProvider::NotConfiguredError
                                        : AwsCredentialsProvider::InvalidConfigurationError,
                    ssoTokenOnly
                            ? QStringLiteral("profile %1 has IAM Identity Center (SSO) settings "
                                             "but no sso_account_id and sso_role_name: it gives "
                                             "an SSO token, not AWS credentials")
                                      .arg(profile)
                            : QStringLiteral("profile %1 has no credentials (no aws_access_key_id, "
                                             "role_arn, sso_account_id or credential_process)")
                                      .arg(profile));
    }
};

} // namespace

class AwsProfileCredentialsProviderPrivate
{
public:
    QString profile;
    QString region;
    bool regionSet = false;
    QUrl stsEndpoint;
    int stsTimeoutMs = AwsStsClient::DefaultTimeoutMs;
    int processTimeoutMs = AwsProcessCredentialsProvider::DefaultTimeoutMs;
    QPointer<QNetworkAccessManager> manager;

    // Per refresh.
    QString activeProfile;
    Plan plan;
    int nextRole = 0;
    AwsCredentials current;
    QPointer<AwsCredentialsProvider> baseProvider;
    QPointer<AwsStsClient> sts;
    quint64 attempt = 0;
};

/*!
    Constructs a provider of \a profile (the active profile when empty), with the given
    \a parent.
*/
AwsProfileCredentialsProvider::AwsProfileCredentialsProvider(const QString &profile,
                                                             QObject *parent)
    : AwsCredentialsProvider(parent), d(new AwsProfileCredentialsProviderPrivate)
{
    d->profile = profile.trimmed();
}

/*!
    Destroys the provider.
*/
AwsProfileCredentialsProvider::~AwsProfileCredentialsProvider()
{
    delete d->baseProvider;
    delete d->sts;
}

/*!
    Returns "profile NAME".
*/
QString AwsProfileCredentialsProvider::name() const
{
    return QStringLiteral("profile %1").arg(effectiveProfile());
}

/*! Returns the profile given to the constructor (may be empty). */
QString AwsProfileCredentialsProvider::profile() const { return d->profile; }

/*! Returns the profile that is used: profile(), or the active profile. */
QString AwsProfileCredentialsProvider::effectiveProfile() const
{
    return d->profile.isEmpty() ? AwsConfigFile::activeProfileName() : d->profile;
}

/*! Returns the region of the STS calls. */
QString AwsProfileCredentialsProvider::region() const
{
    return d->regionSet ? d->region : AwsConfigFile::resolveRegion(effectiveProfile());
}

/*! Sets the \a region of the STS calls. */
void AwsProfileCredentialsProvider::setRegion(const QString &region)
{
    d->region = region;
    d->regionSet = true;
}

/*! Returns the STS endpoint (empty: the default endpoint of region()). */
QUrl AwsProfileCredentialsProvider::stsEndpoint() const
{
    return d->stsEndpoint.isEmpty()
            ? AwsConfigFile::resolveEndpointUrl(QStringLiteral("sts"), effectiveProfile())
            : d->stsEndpoint;
}

/*! Sets the STS \a endpoint. */
void AwsProfileCredentialsProvider::setStsEndpoint(const QUrl &endpoint) { d->stsEndpoint = endpoint; }
/*! Returns the time-out of each STS call in milliseconds. */
int AwsProfileCredentialsProvider::stsTimeout() const { return d->stsTimeoutMs; }
/*! Sets the time-out of each STS call to \a msecs milliseconds. */
void AwsProfileCredentialsProvider::setStsTimeout(int msecs) { d->stsTimeoutMs = qMax(1, msecs); }
/*! Returns the time after which a credential_process is killed, in milliseconds. */
int AwsProfileCredentialsProvider::processTimeout() const { return d->processTimeoutMs; }
/*! Sets the time after which a credential_process is killed to \a msecs milliseconds. */
void AwsProfileCredentialsProvider::setProcessTimeout(int msecs) { d->processTimeoutMs = qMax(1, msecs); }
/*! Uses \a manager (not owned, same thread) for STS calls. */
void AwsProfileCredentialsProvider::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    d->manager = manager;
}

void AwsProfileCredentialsProvider::fail(Error error, const QString &message)
{
    if (d->baseProvider) {
        d->baseProvider->disconnect(this);
        d->baseProvider->deleteLater();
        d->baseProvider = nullptr;
    }
    reportError(error, message);
}

/*!
    \reimp
*/
void AwsProfileCredentialsProvider::startFetch()
{
    const quint64 attempt = ++d->attempt;
    d->activeProfile = effectiveProfile();
    Resolver resolver;
    resolver.config = AwsConfigFile::loadConfig();
    resolver.credentials = AwsConfigFile::loadCredentials();
    for (const AwsConfigFile *file : { &resolver.config, &resolver.credentials }) {
        if (file->hasError()) {
            reportError(InvalidConfigurationError, file->errorString());
            return;
        }
    }
    if (!resolver.config.exists() && !resolver.credentials.exists()) {
        reportError(NotConfiguredError,
                    QStringLiteral("neither %1 nor %2 exists")
                            .arg(resolver.config.fileName(), resolver.credentials.fileName()));
        return;
    }
    d->plan = Plan();
    if (!resolver.resolve(d->activeProfile, &d->plan, QStringList())) {
        reportError(resolver.error, resolver.errorString);
        return;
    }
    d->nextRole = 0;
    d->current = AwsCredentials();

    const Plan &plan = d->plan;
    AwsCredentialsProvider *base = nullptr;
    switch (plan.base) {
    case Plan::StaticKeys:
        d->current = plan.staticCredentials;
        d->current.setProviderName(name());
        assumeNextRole();
        return;
    case Plan::Process: {
#if QTSIGV4_HAS_PROCESS_PROVIDER // else refused by the Resolver
        auto *process = new AwsProcessCredentialsProvider(plan.processCommand, this);
        process->setTimeout(d->processTimeoutMs);
        base = process;
#endif
        break;
    }
    case Plan::WebIdentity: {
        auto *web = new AwsWebIdentityCredentialsProvider(plan.webRoleArn, plan.webTokenFile,
                                                          plan.webSessionName, this);
        web->setDurationSeconds(plan.webDurationSeconds);
        web->setRegion(region());
        web->setStsEndpoint(stsEndpoint());
        web->setTimeout(d->stsTimeoutMs);
        if (d->manager)
            web->setNetworkAccessManager(d->manager);
        base = web;
        break;
    }
    case Plan::EnvironmentSource:
        base = new AwsEnvironmentCredentialsProvider(this);
        break;
#if QTSIGV4_HAS_METADATA_PROVIDERS // else refused by the Resolver
    case Plan::Ec2Source:
        base = new AwsInstanceMetadataCredentialsProvider(this);
        break;
    case Plan::EcsSource:
        base = new AwsContainerCredentialsProvider(this);
        break;
#else
    case Plan::Ec2Source:
    case Plan::EcsSource:
        break;
#endif
    case Plan::Sso:
        base = createSsoProvider();
        break;
    }
    Q_ASSERT(base);
    d->baseProvider = base;
    const QString baseProfile = plan.baseProfile;
    connect(base, &AwsCredentialsProvider::credentialsReady, this,
            [this, base, attempt](const AwsCredentials &credentials) {
                if (attempt != d->attempt || d->baseProvider != base)
                    return;
                d->baseProvider = nullptr;
                base->disconnect(this);
                base->deleteLater();
                d->current = credentials;
                d->current.setProviderName(name());
                assumeNextRole();
            });
    connect(base, &AwsCredentialsProvider::credentialsFailed, this,
            [this, base, attempt, baseProfile](Error error, const QString &message) {
                if (attempt != d->attempt || d->baseProvider != base)
                    return;
                fail(error, QStringLiteral("profile %1: %2: %3")
                                    .arg(baseProfile, base->name(), message));
            });
    base->fetch();
}

AwsCredentialsProvider *AwsProfileCredentialsProvider::createSsoProvider()
{
    const AwsConfigFile::Properties &settings = d->plan.sso;
    auto *sso = new AwsSsoCredentialsProvider(this);
    sso->setProfile(d->plan.baseProfile);
    sso->setStartUrl(settings.value(QStringLiteral("sso_start_url")));
    sso->setSsoRegion(settings.value(QStringLiteral("sso_region")));
    sso->setAccountId(settings.value(QStringLiteral("sso_account_id")));
    sso->setRoleName(settings.value(QStringLiteral("sso_role_name")));
    sso->setSessionName(settings.value(QStringLiteral("sso_session")));
    if (d->manager)
        sso->setNetworkAccessManager(d->manager);
    return sso;
}

void AwsProfileCredentialsProvider::assumeNextRole()
{
    if (d->nextRole >= d->plan.roles.size()) {
        AwsCredentials result = d->current;
        result.setProviderName(name());
        reportCredentials(result);
        return;
    }
    const AwsStsClient::AssumeRoleParameters role = d->plan.roles.at(d->nextRole++);
    if (!d->sts) {
        d->sts = new AwsStsClient(this);
        connect(d->sts, &AwsStsClient::finished, this, [this](const AwsCredentials &credentials) {
            d->current = credentials;
            assumeNextRole();
        });
        connect(d->sts, &AwsStsClient::failed, this, [this](Error error, const QString &message) {
            fail(error, QStringLiteral("profile %1: %2").arg(d->activeProfile, message));
        });
    }
    d->sts->setRegion(region());
    d->sts->setEndpoint(stsEndpoint());
    d->sts->setTimeout(d->stsTimeoutMs);
    if (d->manager)
        d->sts->setNetworkAccessManager(d->manager);
    qCDebug(lcCredentials).noquote() << "profile" << d->activeProfile << ": assuming"
                                     << role.roleArn;
    d->sts->assumeRole(d->current, role);
}
