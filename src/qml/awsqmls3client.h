// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSQMLS3CLIENT_H
#define AWSQMLS3CLIENT_H

#include <memory>

class AwsS3Client;
class AwsSigning;

namespace AwsQmlS3 {
// An S3 client with the endpoint, region and credentials of `signing` (its own manager, made by
// the AwsSigning like the engine's), for the module's S3 types.
std::unique_ptr<AwsS3Client> createClient(const AwsSigning *signing);
} // namespace AwsQmlS3

#endif // AWSQMLS3CLIENT_H
