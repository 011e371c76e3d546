// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// The shared config / credentials file parser (AwsConfigFile::fromData), both file types.
#include "fuzz_common.h"

#include <qtsigv4/awsconfigfile.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qtsigv4FuzzInit();
    const QByteArray bytes = qtsigv4FuzzBytes(data, size);
    for (auto type : { AwsConfigFile::ConfigFile, AwsConfigFile::CredentialsFile }) {
        const AwsConfigFile file = AwsConfigFile::fromData(bytes, type, QStringLiteral("fuzz"));
        (void)file.errorString();
        const QStringList profiles = file.profileNames();
        for (const QString &name : profiles) {
            const AwsConfigFile::Properties p = file.profile(name);
            for (auto it = p.cbegin(); it != p.cend(); ++it)
                (void)file.value(name, it.key());
        }
        for (const QString &section : file.sectionNames(QStringLiteral("sso-session")))
            (void)file.section(QStringLiteral("sso-session"), section);
        (void)AwsConfigFile::mergedProfile(file, file, profiles.value(0));
    }
    return 0;
}
