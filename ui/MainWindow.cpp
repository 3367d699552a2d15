#include "MainWindow.h"
namespace RebuildRadar {
MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Rebuild Radar"));
}
} // namespace RebuildRadar
