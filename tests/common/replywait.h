// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef REPLYWAIT_H
#define REPLYWAIT_H

class QNetworkReply;

// Runs an event loop until reply finishes or msecs pass; true when it finished.
bool waitForReply(QNetworkReply *reply, int msecs);

#endif // REPLYWAIT_H
