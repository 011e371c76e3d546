// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef TRANSFERPANEL_H
#define TRANSFERPANEL_H

#include <QtWidgets/qwidget.h>

class QVBoxLayout;
class S3Transfer;
class TransferRow;

// The list of running and finished transfers, newest first.
class TransferPanel : public QWidget
{
    Q_OBJECT
public:
    explicit TransferPanel(QWidget *parent = nullptr);
    void addTransfer(S3Transfer *transfer);
    QList<TransferRow *> rows() const;
    void clearFinished();

private:
    QVBoxLayout *m_rows;
};

#endif // TRANSFERPANEL_H
