// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSENVIRONMENTCREDENTIALSPROVIDER_H
#define AWSENVIRONMENTCREDENTIALSPROVIDER_H

#include <qtsigv4/awscredentialsprovider.h>

class QTSIGV4_EXPORT AwsEnvironmentCredentialsProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    explicit AwsEnvironmentCredentialsProvider(QObject *parent = nullptr);
    QString name() const override;

    static AwsCredentials readEnvironment(Error *error = nullptr, QString *errorString = nullptr);

protected:
    void startFetch() override;
};

#endif // AWSENVIRONMENTCREDENTIALSPROVIDER_H
