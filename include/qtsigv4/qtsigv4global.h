// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4GLOBAL_H
#define QTSIGV4GLOBAL_H

#include <QtCore/qglobal.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qpair.h>

#if defined(QTSIGV4_STATIC)
#  define QTSIGV4_EXPORT
#elif defined(QTSIGV4_BUILD_LIBRARY)
#  define QTSIGV4_EXPORT Q_DECL_EXPORT
#else
#  define QTSIGV4_EXPORT Q_DECL_IMPORT
#endif

//! An ordered list of HTTP header fields (name, value) as they appear on the wire.
using AwsHeaderList = QList<QPair<QByteArray, QByteArray>>;

#endif // QTSIGV4GLOBAL_H
