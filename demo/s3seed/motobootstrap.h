// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef MOTOBOOTSTRAP_H
#define MOTOBOOTSTRAP_H

#include <qtsigv4/awscredentials.h>

#include <QtCore/qurl.h>

// For a moto_server started with INITIAL_NO_AUTH_ACTION_COUNT=3: its first three calls are
// not checked, so they create an IAM user with an allow-everything policy and an access key;
// from then on moto verifies every signature against that key. The calls go through
// AwsNetworkAccessManager like everything else (signed with throw-away credentials).
namespace MotoBootstrap {
AwsCredentials createUser(const QUrl &endpoint, const QString &userName, QString *errorString);
}

#endif // MOTOBOOTSTRAP_H
