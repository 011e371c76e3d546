// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "replywait.h"

#include <QtCore/qeventloop.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qnetworkreply.h>

bool waitForReply(QNetworkReply *reply, int msecs)
{
    if (reply->isFinished())
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(msecs);
    loop.exec();
    return reply->isFinished();
}
