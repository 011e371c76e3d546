// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "awsqmls3client.h"

#include "awssigning.h"

#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awss3client.h>

std::unique_ptr<AwsS3Client> AwsQmlS3::createClient(const AwsSigning *signing)
{
    std::unique_ptr<AwsS3Client> client(new AwsS3Client(signing->createNetworkAccessManager(nullptr)));
    // The client does not own a manager it was given: this one lives with the client.
    client->networkAccessManager()->setParent(client.get());
    client->setEndpoint(signing->endpoint());
    client->setRegion(signing->region().isEmpty() ? QStringLiteral("us-east-1") : signing->region());
    return client;
}
