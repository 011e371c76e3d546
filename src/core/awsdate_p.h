// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef AWSDATE_P_H
#define AWSDATE_P_H

#include <QtCore/qdatetime.h>

namespace QtSigV4Private {

constexpr int AmzDateSize = 16; // 20150830T123600Z

// AwsDate::toAmzDate() into out[AmzDateSize] without an allocation, for a UTC time in the
// years 1000-9999; false (out undefined) for any other, which toAmzDate() formats slowly.
bool writeAmzDate(char *out, const QDateTime &dateTime);

} // namespace QtSigV4Private

#endif // AWSDATE_P_H
