// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef TRANSFERROW_H
#define TRANSFERROW_H

#include "s3types.h"

#include <QtCore/qelapsedtimer.h>
#include <QtWidgets/qframe.h>

class QLabel;
class QProgressBar;
class QPushButton;
class S3Transfer;

// One upload or download: what, a progress bar, speed/result, and Cancel (then Remove).
// Owns the transfer.
class TransferRow : public QFrame
{
    Q_OBJECT
public:
    TransferRow(S3Transfer *transfer, QWidget *parent = nullptr);
    ~TransferRow() override;
    S3Transfer *transfer() const { return m_transfer; }

Q_SIGNALS:
    void removeRequested(TransferRow *row);

private:
    void onProgress(qint64 done, qint64 total);
    void onFinished(const S3Error &error);

    S3Transfer *m_transfer;
    QLabel *m_title;
    QProgressBar *m_bar;
    QLabel *m_status;
    QPushButton *m_button;
    QElapsedTimer m_clock;
    qint64 m_startBytes = -1;   // a resumed upload starts with its earlier parts done
};

#endif // TRANSFERROW_H
