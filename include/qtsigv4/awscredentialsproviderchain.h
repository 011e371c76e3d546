// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSCREDENTIALSPROVIDERCHAIN_H
#define AWSCREDENTIALSPROVIDERCHAIN_H

#include <qtsigv4/awscredentialsprovider.h>
#include <QtCore/qlist.h>
#include <QtCore/qscopedpointer.h>

class AwsCredentialsProviderChainPrivate;

class QTSIGV4_EXPORT AwsCredentialsProviderChain : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    explicit AwsCredentialsProviderChain(QObject *parent = nullptr);
    explicit AwsCredentialsProviderChain(const QList<AwsCredentialsProvider *> &providers,
                                         QObject *parent = nullptr);
    ~AwsCredentialsProviderChain() override;

    QString name() const override;
    void invalidate() override;

    void addProvider(AwsCredentialsProvider *provider);   // takes ownership
    QList<AwsCredentialsProvider *> providers() const;
    AwsCredentialsProvider *lastProvider() const;         // the one that answered last
    bool reusesLastProvider() const;
    void setReuseLastProvider(bool reuse);

    // The standard chain: [static,] environment (unless a profile is named explicitly),
    // web identity, profile, container, instance metadata.
    static AwsCredentialsProviderChain *createDefault(const QString &profile = QString(),
                                                      QObject *parent = nullptr);
    static AwsCredentialsProviderChain *createDefault(const AwsCredentials &staticCredentials,
                                                      const QString &profile,
                                                      QObject *parent = nullptr);

protected:
    void startFetch() override;

private:
    void tryProvider(int index);
    QScopedPointer<AwsCredentialsProviderChainPrivate> d;
};

#endif // AWSCREDENTIALSPROVIDERCHAIN_H
