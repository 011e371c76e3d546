// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4LOGGING_P_H
#define QTSIGV4LOGGING_P_H

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qloggingcategory.h>

QTSIGV4_EXPORT Q_DECLARE_LOGGING_CATEGORY(lcSigner)
QTSIGV4_EXPORT Q_DECLARE_LOGGING_CATEGORY(lcNetwork)
QTSIGV4_EXPORT Q_DECLARE_LOGGING_CATEGORY(lcCredentials)

#endif // QTSIGV4LOGGING_P_H
