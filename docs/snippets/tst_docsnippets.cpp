// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
// Docs that cannot rot. Every fenced code block of the repository's Markdown files has a
// language; each cpp, qml and cmake block is preceded by a marker
//     <!-- snippet: docs/snippets/signing.cpp#sign -->
// and must equal, byte for byte, the region of that file between its lines `//! [sign]`
// (`#! [name]` in CMake files; a region may come in several parts, joined in order, each
// with its common indentation removed). The files under docs/snippets are compiled into this
// test, and the snippets that need no network are run below. A `console` block that runs
// one sigv4 command (no pipe) is run with the sigv4 of the build, and must show its output.
#include "snippets.h"

#include <qtsigv4/qtsigv4config.h>
#include <qtsigv4/awsnetworkaccessmanager.h>
#include <qtsigv4/awssigner.h>
#include <qtsigv4/awssigningrule.h>
#include <qtsigv4/awsstaticcredentialsprovider.h>

#include <QtCore/qdiriterator.h>
#include <QtCore/qfile.h>
#include <QtCore/qprocess.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qurlquery.h>
#include <QtTest/qtest.h>

using namespace Qt::StringLiterals;

namespace {

const QString sourceDir = QStringLiteral(QTSIGV4_SOURCE_DIR);
const AwsCredentials exampleCredentials(u"AKIDEXAMPLE"_s, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s);

QStringList readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

qsizetype leadingSpaces(const QString &line)
{
    qsizetype n = 0;
    while (n < line.size() && line.at(n) == u' ')
        ++n;
    return n;
}

QStringList dedented(const QStringList &lines)
{
    qsizetype indent = -1;
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            indent = indent < 0 ? leadingSpaces(line) : qMin(indent, leadingSpaces(line));
    }
    QStringList out;
    for (const QString &line : lines)
        out.append(line.trimmed().isEmpty() ? QString() : line.mid(indent));
    return out;
}

// The region `name` of a snippet file: every part between two marker lines, joined.
// Sets *error when the file or the region is missing, or a part is not closed.
QStringList region(const QString &path, const QString &name, QString *error)
{
    const QStringList lines = readLines(path);
    if (lines.isEmpty()) {
        *error = u"cannot read "_s + path;
        return {};
    }
    const QRegularExpression marker(u"^\\s*(//|#)! \\["_s + QRegularExpression::escape(name) + u"\\]\\s*$"_s);
    QStringList out;
    QStringList part;
    bool inside = false;
    for (const QString &line : lines) {
        if (marker.match(line).hasMatch()) {
            if (inside)
                out += dedented(part);
            part.clear();
            inside = !inside;
        } else if (inside) {
            part.append(line);
        }
    }
    if (inside)
        *error = u"region [%1] of %2 is not closed"_s.arg(name, path);
    else if (out.isEmpty())
        *error = u"no region [%1] in %2"_s.arg(name, path);
    return out;
}

// The fenced blocks of the repository's Markdown files: file:line, language, the line before
// the block, the block's lines.
struct MarkdownBlock
{
    QString where;
    QString language;
    QString before;
    QStringList lines;
};

QStringList markdownFiles();

QList<MarkdownBlock> markdownBlocks()
{
    QList<MarkdownBlock> blocks;
    for (const QString &file : markdownFiles()) {
        const QStringList lines = readLines(sourceDir + u'/' + file);
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (!lines.at(i).startsWith(u"```"))
                continue;
            MarkdownBlock block;
            block.where = file + u':' + QString::number(i + 1);
            block.language = lines.at(i).mid(3).trimmed();
            block.before = i > 0 ? lines.at(i - 1) : QString();
            for (++i; i < lines.size() && !lines.at(i).startsWith(u"```"); ++i)
                block.lines.append(lines.at(i));
            blocks.append(block);
        }
    }
    return blocks;
}

QStringList markdownFiles()
{
    QStringList files;
    QDirIterator it(sourceDir, { u"*.md"_s }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(sourceDir).relativeFilePath(path);
        if (relative.startsWith(u"build") || relative.startsWith(u".git") || relative.startsWith(u"tests/data/"))
            continue;
        files.append(relative);
    }
    files.sort();
    return files;
}

} // namespace

class tst_DocSnippets : public QObject
{
    Q_OBJECT

private slots:
    void blocks_data();
    void blocks();

    void consoleExamples_data();
    void consoleExamples();

    void sign();
    void presign();
    void sigv4a();
    void verify();
    void customEndpoint();
    void streamingRule();
    void postPolicy();
};

void tst_DocSnippets::blocks_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("marker");
    QTest::addColumn<QStringList>("block");

    QVERIFY(markdownFiles().contains(u"README.md"_s));
    for (const MarkdownBlock &block : markdownBlocks())
        QTest::newRow(qPrintable(block.where)) << block.language << block.before << block.lines;
}

void tst_DocSnippets::blocks()
{
    QFETCH(QString, language);
    QFETCH(QString, marker);
    QFETCH(QStringList, block);

    if (language.isEmpty())
        QFAIL("a code block without a language (```cpp, ```text, ```sh, ...)");
    if (language != u"cpp" && language != u"qml" && language != u"cmake")
        return; // shell sessions and text
    const QRegularExpressionMatch m =
            QRegularExpression(u"^<!-- snippet: (\\S+)#(\\S+) -->$"_s).match(marker);
    if (!m.hasMatch())
        QFAIL("a cpp/qml/cmake block must follow a line <!-- snippet: docs/snippets/FILE#REGION -->");
    QString error;
    const QStringList expected = region(sourceDir + u'/' + m.captured(1), m.captured(2), &error);
    if (!error.isEmpty())
        QFAIL(qPrintable(error));
    for (qsizetype i = 0; i < qMax(block.size(), expected.size()); ++i) {
        const QString shown = block.value(i, u"<end of block>"_s);
        const QString compiled = expected.value(i, u"<end of region>"_s);
        if (shown != compiled) {
            QFAIL(qPrintable(u"line %1 of the block differs from %2#%3:\n  shown:    %4\n  compiled: %5"_s
                                     .arg(i + 1).arg(m.captured(1), m.captured(2), shown, compiled)));
        }
    }
}

void tst_DocSnippets::consoleExamples_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("output");

    for (const MarkdownBlock &block : markdownBlocks()) {
        if (block.language != u"console" || block.lines.isEmpty() || !block.lines.first().startsWith(u"$ sigv4 "))
            continue;
        QString command = block.lines.first().mid(2);
        qsizetype next = 1;
        while (command.endsWith(u'\\') && next < block.lines.size())
            command = command.chopped(1) + block.lines.at(next++);
        if (command.contains(u'|'))
            continue; // a pipeline: not run
        QStringList arguments = command.split(u' ', Qt::SkipEmptyParts);
        arguments.removeFirst(); // sigv4
        QTest::newRow(qPrintable(block.where)) << arguments << block.lines.mid(next).join(u'\n');
    }
}

void tst_DocSnippets::consoleExamples()
{
#ifndef QTSIGV4_SIGV4_EXECUTABLE
    QSKIP("the sigv4 command line is not built (QTSIGV4_BUILD_CLI)");
#else
    QFETCH(QStringList, arguments);
    QFETCH(QString, output);
    QProcess sigv4;
    sigv4.setWorkingDirectory(sourceDir);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys()) {
        if (name.startsWith(u"AWS_"))
            environment.remove(name);
    }
    sigv4.setProcessEnvironment(environment);
    sigv4.start(QStringLiteral(QTSIGV4_SIGV4_EXECUTABLE), arguments);
    QVERIFY(sigv4.waitForFinished(30000));
    QCOMPARE(sigv4.exitCode(), 0);
    QString shown = QString::fromUtf8(sigv4.readAllStandardOutput());
    if (shown.endsWith(u'\n'))
        shown.chop(1);
    QCOMPARE(shown, output);
#endif
}

void tst_DocSnippets::sign()
{
    const QUrl url(u"https://my-bucket.s3.amazonaws.com/photos/cat.jpg"_s);
    const QNetworkRequest request =
            signRequest(url, exampleCredentials.accessKeyId(), exampleCredentials.secretAccessKey());
    QVERIFY(request.rawHeader("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    QVERIFY(request.hasRawHeader("X-Amz-Date"));
    QCOMPARE(request.rawHeader("x-amz-content-sha256"),
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

void tst_DocSnippets::presign()
{
    const QUrl presigned = presignUrl(QUrl(u"https://my-bucket.s3.eu-west-1.amazonaws.com/cat.jpg"_s),
                                      exampleCredentials);
    QVERIFY(presigned.isValid());
    const QUrlQuery query(presigned);
    QCOMPARE(query.queryItemValue(u"X-Amz-Expires"_s), u"600"_s);
    QCOMPARE(query.queryItemValue(u"X-Amz-Algorithm"_s), u"AWS4-HMAC-SHA256"_s);
    QCOMPARE(query.queryItemValue(u"X-Amz-Signature"_s).size(), 64);
    QCOMPARE(presigned.path(), u"/cat.jpg"_s);
}

void tst_DocSnippets::sigv4a()
{
    const AwsSigningResult result =
            signSigV4a(QUrl(u"https://example.amazonaws.com/"_s), exampleCredentials);
    if (!QTSIGV4_HAS_SIGV4A)
        QSKIP("SigV4a is not in this build (tst_awssignervectors checks its error)");
    QVERIFY2(result.isValid(), qPrintable(result.errorString()));
    QVERIFY(result.authorization().startsWith("AWS4-ECDSA-P256-SHA256 "));
    bool regionSet = false;
    for (const auto &[name, value] : result.headersToAdd())
        regionSet |= name.compare("X-Amz-Region-Set", Qt::CaseInsensitive) == 0 && value == "us-east-1,us-west-2";
    QVERIFY(regionSet);
}

AwsCredentials lookUpCredentials(const QString &keyId)
{
    return keyId == exampleCredentials.accessKeyId() ? exampleCredentials : AwsCredentials();
}

void tst_DocSnippets::verify()
{
    AwsHttpRequest request =
            AwsHttpRequest::fromUrl("GET", QUrl(u"https://my-bucket.s3.amazonaws.com/cat.jpg"_s));
    const AwsSigningResult signature =
            AwsSigner(AwsSigningConfig(u"s3"_s, u"us-east-1"_s)).sign(request, exampleCredentials);
    QVERIFY(signature.isValid());
    for (const auto &[name, value] : signature.headersToAdd())
        request.addHeader(name, value);
    const QByteArray raw = request.toRaw();
    QCOMPARE(verifyRequest(raw).status(), AwsVerificationResult::Valid);

    QByteArray tampered = raw;
    tampered.replace("/cat.jpg", "/dog.jpg");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"SignatureMismatch"_s));
    QCOMPARE(verifyRequest(tampered).status(), AwsVerificationResult::SignatureMismatch);
}

void tst_DocSnippets::customEndpoint()
{
    SnippetWindow window;
    AwsNetworkAccessManager *nam = window.customEndpoint();
    const AwsSigningRule rule = nam->ruleFor(QUrl(u"http://127.0.0.1:9000/my-bucket/cat.jpg"_s));
    QCOMPARE(rule.service(), u"s3"_s);
    QCOMPARE(rule.region(), u"us-east-1"_s);
    QVERIFY(nam->ruleFor(QUrl(u"http://127.0.0.1:9001/my-bucket/cat.jpg"_s)).isNull());
}

void tst_DocSnippets::streamingRule()
{
    AwsNetworkAccessManager nam;
    AwsStaticCredentialsProvider provider(exampleCredentials);
    addStreamingRule(&nam, QUrl(u"http://127.0.0.1:9000"_s), &provider);
    const AwsSigningConfig config = nam.ruleFor(QUrl(u"http://127.0.0.1:9000/b/k"_s)).signingConfig();
    QCOMPARE(config.payloadMode(), AwsSigningConfig::PayloadMode::StreamingSignedWithTrailer);
    QCOMPARE(config.trailingChecksum(), AwsSigningConfig::ChecksumAlgorithm::Crc32c);
    QVERIFY2(config.validate().isEmpty(), qPrintable(config.validate()));
}

void tst_DocSnippets::postPolicy()
{
    const PostForm form = postForm(exampleCredentials);
    QStringList names;
    for (const auto &field : form.fields)
        names.append(QString::fromLatin1(field.first));
    for (const char *name : { "key", "policy", "x-amz-algorithm", "x-amz-credential", "x-amz-date",
                              "x-amz-signature", "Content-Type" })
        QVERIFY2(names.contains(QLatin1String(name), Qt::CaseInsensitive), name);
    QVERIFY(form.html.contains(u"<form"_s));
    QVERIFY(form.html.contains(form.policy.actionUrl().toString()));
}

QTEST_GUILESS_MAIN(tst_DocSnippets)
#include "tst_docsnippets.moc"
