// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "core/qtsigv4logging_p.h"

Q_LOGGING_CATEGORY(lcSigner, "qtsigv4.signer", QtWarningMsg)
Q_LOGGING_CATEGORY(lcNetwork, "qtsigv4.network", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCredentials, "qtsigv4.credentials", QtWarningMsg)
