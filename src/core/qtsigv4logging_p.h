// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4LOGGING_P_H
#define QTSIGV4LOGGING_P_H

#include <qtsigv4/qtsigv4global.h>
#include <QtCore/qloggingcategory.h>

Q_DECLARE_LOGGING_CATEGORY(lcSigner)
Q_DECLARE_LOGGING_CATEGORY(lcNetwork)
Q_DECLARE_LOGGING_CATEGORY(lcCredentials)

#endif // QTSIGV4LOGGING_P_H
