// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include <qtsigv4/awscredentialsproviderchain.h>

#include <qtsigv4/awscontainercredentialsprovider.h>
#include <qtsigv4/awsenvironmentcredentialsprovider.h>
#include <qtsigv4/awsinstancemetadatacredentialsprovider.h>
#include <qtsigv4/awsprofilecredentialsprovider.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>
#include <qtsigv4/awswebidentitycredentialsprovider.h>
#include <qtsigv4/qtsigv4config.h> // the providers this build holds

#include "core/qtsigv4logging_p.h"

#include <QtCore/qpointer.h>

/*!
    \class AwsCredentialsProviderChain
    \inmodule QtSigV4
    \brief Asks a list of providers in order and delivers the first credentials found.

    A refresh asks each provider in turn (each with its own time-outs) until one delivers
    credentials. When none does, the chain fails with ChainExhaustedError and a single-line
    message that names every source tried and why it failed, for example:

    \code
    no AWS credentials found (tried environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
    are not set; web identity: AWS_WEB_IDENTITY_TOKEN_FILE is not set; profile default: ...)
    \endcode

    By default a later refresh first asks the provider that answered last, and walks the
    whole chain only when that one fails (setReuseLastProvider()). A provider whose own
    credentials are due for a refresh is invalidated before it is asked, so the chain gets new
    credentials rather than the ones it already has; the chain keeps serving its current
    credentials meanwhile.

    createDefault() builds the chain the AWS CLI uses: static credentials (when given),
    environment, web identity, profile, container, instance metadata (the last two when the
    library is built with them: \c QTSIGV4_WITH_METADATA_PROVIDERS). A profile named
    explicitly (as with \c{--profile}) removes the environment provider, as in the AWS CLI, so
    the named profile is not overridden by \c AWS_ACCESS_KEY_ID.
*/

class AwsCredentialsProviderChainPrivate
{
public:
    QList<QPointer<AwsCredentialsProvider>> providers;
    QPointer<AwsCredentialsProvider> last;
    bool reuseLast = true;

    // Per refresh.
    QList<int> order;
    int position = 0;
    QStringList failures;
    QPointer<AwsCredentialsProvider> asking;
    QList<QMetaObject::Connection> connections;
};

/*!
    Constructs an empty chain with the given \a parent.
*/
AwsCredentialsProviderChain::AwsCredentialsProviderChain(QObject *parent)
    : AwsCredentialsProvider(parent), d(new AwsCredentialsProviderChainPrivate)
{
}

/*!
    Constructs a chain of \a providers (the chain takes ownership) with the given \a parent.
*/
AwsCredentialsProviderChain::AwsCredentialsProviderChain(
        const QList<AwsCredentialsProvider *> &providers, QObject *parent)
    : AwsCredentialsProviderChain(parent)
{
    for (AwsCredentialsProvider *provider : providers)
        addProvider(provider);
}

/*!
    Destroys the chain and its providers.
*/
AwsCredentialsProviderChain::~AwsCredentialsProviderChain()
{
    for (const QMetaObject::Connection &c : std::as_const(d->connections))
        disconnect(c);
}

/*!
    Returns "chain".
*/
QString AwsCredentialsProviderChain::name() const
{
    return QStringLiteral("chain");
}

/*!
    Forgets the chain's credentials and those of every provider in it, so that the next fetch()
    asks the sources again.
*/
void AwsCredentialsProviderChain::invalidate()
{
    AwsCredentialsProvider::invalidate();
    for (const auto &provider : std::as_const(d->providers)) {
        if (provider)
            provider->invalidate();
    }
}

/*!
    Appends \a provider to the chain and takes ownership of it. It must live in the chain's
    thread.
*/
void AwsCredentialsProviderChain::addProvider(AwsCredentialsProvider *provider)
{
    if (!provider)
        return;
    provider->setParent(this);
    d->providers.append(provider);
}

/*!
    Returns the providers, in order.
*/
QList<AwsCredentialsProvider *> AwsCredentialsProviderChain::providers() const
{
    QList<AwsCredentialsProvider *> list;
    for (const auto &p : d->providers) {
        if (p)
            list.append(p);
    }
    return list;
}

/*!
    Returns the provider that delivered the current credentials, or \c nullptr.
*/
AwsCredentialsProvider *AwsCredentialsProviderChain::lastProvider() const
{
    return d->last;
}

/*! Returns whether a refresh asks the last successful provider first (default \c true). */
bool AwsCredentialsProviderChain::reusesLastProvider() const { return d->reuseLast; }
/*! Sets whether a refresh asks the last successful provider first (\a reuse). */
void AwsCredentialsProviderChain::setReuseLastProvider(bool reuse) { d->reuseLast = reuse; }

/*!
    Returns the default chain for \a profile (the active profile when empty), with the given
    \a parent.
*/
AwsCredentialsProviderChain *AwsCredentialsProviderChain::createDefault(const QString &profile,
                                                                        QObject *parent)
{
    return createDefault(AwsCredentials(), profile, parent);
}

/*!
    Returns the default chain, preceded by \a staticCredentials when they are valid, for
    \a profile (the active profile when empty), with the given \a parent.
*/
AwsCredentialsProviderChain *AwsCredentialsProviderChain::createDefault(
        const AwsCredentials &staticCredentials, const QString &profile, QObject *parent)
{
    auto *chain = new AwsCredentialsProviderChain(parent);
    if (staticCredentials.isValid())
        chain->addProvider(new AwsStaticCredentialsProvider(staticCredentials));
    if (profile.trimmed().isEmpty())
        chain->addProvider(new AwsEnvironmentCredentialsProvider);
    chain->addProvider(new AwsWebIdentityCredentialsProvider);
    chain->addProvider(new AwsProfileCredentialsProvider(profile));
#if QTSIGV4_HAS_METADATA_PROVIDERS
    chain->addProvider(new AwsContainerCredentialsProvider);
    chain->addProvider(new AwsInstanceMetadataCredentialsProvider);
#endif
    return chain;
}

/*!
    \reimp
*/
void AwsCredentialsProviderChain::startFetch()
{
    d->order.clear();
    d->failures.clear();
    d->position = 0;
    const int lastIndex = d->reuseLast && d->last ? int(d->providers.indexOf(d->last)) : -1;
    if (lastIndex >= 0)
        d->order.append(lastIndex);
    for (int i = 0; i < d->providers.size(); ++i) {
        if (i != lastIndex && d->providers.at(i))
            d->order.append(i);
    }
    if (d->order.isEmpty()) {
        reportError(ChainExhaustedError, tr("no AWS credentials found (the chain is empty)"));
        return;
    }
    tryProvider(0);
}

void AwsCredentialsProviderChain::tryProvider(int position)
{
    for (const QMetaObject::Connection &c : std::as_const(d->connections))
        disconnect(c);
    d->connections.clear();

    if (position >= d->order.size()) {
        d->asking = nullptr;
        reportError(ChainExhaustedError,
                    tr("no AWS credentials found (tried %1)").arg(d->failures.join(QStringLiteral("; "))));
        return;
    }
    d->position = position;
    AwsCredentialsProvider *provider = d->providers.at(d->order.at(position));
    if (!provider) {
        tryProvider(position + 1);
        return;
    }
    d->asking = provider;
    if (provider->needsRefresh())
        provider->invalidate();

    d->connections.append(connect(
            provider, &AwsCredentialsProvider::credentialsReady, this,
            [this, provider](const AwsCredentials &credentials) {
                if (d->asking != provider)
                    return;
                d->asking = nullptr;
                for (const QMetaObject::Connection &c : std::as_const(d->connections))
                    disconnect(c);
                d->connections.clear();
                if (d->last != provider)
                    qCDebug(lcCredentials).noquote() << "chain: credentials from" << provider->name();
                d->last = provider;
                reportCredentials(credentials);
            }));
    d->connections.append(connect(
            provider, &AwsCredentialsProvider::credentialsFailed, this,
            [this, provider, position](Error error, const QString &message) {
                if (d->asking != provider)
                    return;
                qCDebug(lcCredentials).noquote() << "chain:" << provider->name() << "failed:" << message;
                // A later source may answer: say why this one, configured, did not.
                if (error == InvalidConfigurationError || error == LoginRequiredError)
                    qCWarning(lcCredentials).noquote()
                            << "credentials source" << provider->name()
                            << (error == LoginRequiredError ? "needs a login;" : "is misconfigured;")
                            << "trying the next source:" << message;
                d->failures.append(QStringLiteral("%1: %2").arg(provider->name(), message));
                if (d->last == provider)
                    d->last = nullptr;
                tryProvider(position + 1);
            }));
    provider->fetch();
}
