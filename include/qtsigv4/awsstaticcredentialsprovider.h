// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSSTATICCREDENTIALSPROVIDER_H
#define AWSSTATICCREDENTIALSPROVIDER_H

#include <qtsigv4/awscredentialsprovider.h>

class QTSIGV4_EXPORT AwsStaticCredentialsProvider : public AwsCredentialsProvider
{
    Q_OBJECT
public:
    explicit AwsStaticCredentialsProvider(const AwsCredentials &credentials,
                                          QObject *parent = nullptr);
    QString name() const override;
    void setCredentials(const AwsCredentials &credentials);

protected:
    void startFetch() override;

private:
    AwsCredentials m_credentials;
};

#endif // AWSSTATICCREDENTIALSPROVIDER_H
